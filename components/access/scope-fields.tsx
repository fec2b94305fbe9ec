'use client';
// Choosing a scope (everything, a host, a swarm, or a stack on a swarm): the fields and their state,
// shared by the grant form and the API token form.
import { useState } from 'react';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import type { GrantScope } from '@/lib/auth/permissions.ts';

export type ScopeType = GrantScope['type'];
type Named = { id: string; name: string };

export function useScopeChoice(initial: ScopeType) {
  const [type, setType] = useState<ScopeType>(initial);
  const [id, setId] = useState('');
  const [stack, setStack] = useState('');
  const scope = (): GrantScope =>
    type === 'global' ? { type: 'global' } : type === 'stack' ? { type: 'stack', swarmId: id, name: stack.trim() } : { type, id };
  return { type, setType, id, setId, stack, setStack, scope, chosen: type === 'global' || id !== '' };
}

export type ScopeChoice = ReturnType<typeof useScopeChoice>;

export function ScopeFields({ choice, hosts, swarms, label = 'Scope' }: { choice: ScopeChoice; hosts: Named[]; swarms: Named[]; label?: string }) {
  const targets = choice.type === 'host' ? hosts : swarms;
  return (
    <>
      <SelectField
        label={label}
        value={choice.type}
        onChange={(e) => {
          choice.setType(e.target.value as ScopeType);
          choice.setId('');
        }}
      >
        <option value="stack">A stack on a swarm</option>
        <option value="swarm">A swarm</option>
        <option value="host">A host</option>
        <option value="global">Everything</option>
      </SelectField>
      {choice.type !== 'global' && (
        <SelectField label={choice.type === 'host' ? 'Host' : 'Swarm'} value={choice.id} onChange={(e) => choice.setId(e.target.value)} required>
          <option value="">Choose…</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
      )}
      {choice.type === 'stack' && <TextField label="Stack name" value={choice.stack} onChange={(e) => choice.setStack(e.target.value)} required maxLength={61} autoComplete="off" />}
    </>
  );
}
