'use client';
// Choosing a scope (everything, a host, a swarm, a stack on a swarm, a Compose project on a host, or a registry): the fields and their state,
// shared by the grant form and the API token form.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import type { GrantScope } from '@/lib/auth/permissions.ts';

export type ScopeType = GrantScope['type'];
type Named = { id: string; name: string };
const TYPES: ScopeType[] = ['stack', 'swarm', 'project', 'host', 'registry', 'global'];

export function useScopeChoice(initial: ScopeType) {
  const [type, setType] = useState<ScopeType>(initial);
  const [id, setId] = useState('');
  const [stack, setStack] = useState('');
  const scope = (): GrantScope =>
    type === 'global'
      ? { type: 'global' }
      : type === 'stack'
        ? { type: 'stack', swarmId: id, name: stack.trim() }
        : type === 'project'
          ? { type: 'project', hostId: id, name: stack.trim() }
          : { type, id };
  return { type, setType, id, setId, stack, setStack, scope, chosen: type === 'global' || id !== '' };
}

export type ScopeChoice = ReturnType<typeof useScopeChoice>;

/** `label`: the first field's label (default: "Scope"). `registries`: offered as a scope when given. */
export function ScopeFields({ choice, hosts, swarms, registries, label }: { choice: ScopeChoice; hosts: Named[]; swarms: Named[]; registries?: Named[]; label?: string }) {
  const t = useTranslations('scopes');
  const onHost = choice.type === 'host' || choice.type === 'project';
  const targets = onHost ? hosts : choice.type === 'registry' ? (registries ?? []) : swarms;
  const types = registries ? TYPES : TYPES.filter((type) => type !== 'registry');
  return (
    <>
      <SelectField
        label={label ?? t('scope')}
        value={choice.type}
        onChange={(e) => {
          choice.setType(e.target.value as ScopeType);
          choice.setId('');
        }}
      >
        {types.map((type) => (
          <option key={type} value={type}>
            {t(`types.${type}`)}
          </option>
        ))}
      </SelectField>
      {choice.type !== 'global' && (
        <SelectField label={onHost ? t('host') : choice.type === 'registry' ? t('registry') : t('swarm')} value={choice.id} onChange={(e) => choice.setId(e.target.value)} required>
          <option value="">{t('choose')}</option>
          {targets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.name}
            </option>
          ))}
        </SelectField>
      )}
      {choice.type === 'stack' && <TextField label={t('stackName')} value={choice.stack} onChange={(e) => choice.setStack(e.target.value)} required maxLength={61} autoComplete="off" />}
      {choice.type === 'project' && <TextField label={t('projectName')} value={choice.stack} onChange={(e) => choice.setStack(e.target.value)} required maxLength={48} autoComplete="off" />}
    </>
  );
}
