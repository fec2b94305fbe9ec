'use client';
// The swarm's overlay networks: list, create (attachable, internal, encrypted, subnet), remove.
import { useQueryClient } from '@tanstack/react-query';
import { Share2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { column } from '@/components/ui/data-table.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { NamesOrNone } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createNetworkAction, removeSwarmObjectAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import type { NetworkRow } from '@/lib/services/swarm-services/swarm-objects.ts';
import { swarmRemoval } from './swarm-removal.ts';

const OPTIONS = [
  { key: 'attachable', label: 'Attachable', hint: 'Standalone containers may join it too, not only services.' },
  { key: 'internal', label: 'Internal', hint: 'No route out of the network.' },
  { key: 'encrypted', label: 'Encrypted', hint: 'Traffic between nodes is encrypted (IPsec).' },
] as const;
const NO_FLAGS = { attachable: false, internal: false, encrypted: false };

function CreateNetworkDialog({ swarmId, open, onOpenChange }: { swarmId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [name, setName] = useState('');
  const [subnet, setSubnet] = useState('');
  const [flags, setFlags] = useState(NO_FLAGS);
  const form = useActionForm({ fields: ['name', 'subnet'], report: 'inline' });
  const queryClient = useQueryClient();
  const clear = () => {
    setName('');
    setSubnet('');
    setFlags(NO_FLAGS);
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onClosed={clear}
      title="Create an overlay network"
      description="A network that spans the swarm's nodes; services attached to it reach each other by name."
      form={form}
      label="Create network"
      onSubmit={async () => {
        if (!(await form.submit(() => createNetworkAction({ swarmId, name, subnet: subnet.trim() || null, ...flags })))) return;
        toast.success(`Created network ${name.trim()}`);
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
        clear();
        onOpenChange(false);
      }}
    >
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} autoComplete="off" spellCheck={false} autoFocus />
      <TextField label="Subnet" hint="Optional, in CIDR notation, e.g. 10.30.0.0/24. Empty: the swarm picks one." value={subnet} onChange={(e) => setSubnet(e.target.value)} error={form.errors.subnet} autoComplete="off" />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Options</legend>
        {OPTIONS.map((o) => (
          <label key={o.key} className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={flags[o.key]} onChange={(e) => setFlags((f) => ({ ...f, [o.key]: e.target.checked }))} />
            <span>
              {o.label}
              <span className="block text-xs text-muted">{o.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}

const yes = (value: boolean) => (value ? <Badge tone="accent">yes</Badge> : <span className="text-muted">no</span>);

const COLUMNS = [
  column<NetworkRow>('Name', (n) => n.name, 'font-medium'),
  column<NetworkRow>('Driver', (n) => n.driver),
  column<NetworkRow>('Scope', (n) => n.scope),
  column<NetworkRow>('Attachable', (n) => yes(n.attachable)),
  column<NetworkRow>('Internal', (n) => yes(n.internal)),
  column<NetworkRow>('Encrypted', (n) => yes(n.encrypted)),
  column<NetworkRow>('Subnet', (n) => n.subnets.join(', ') || '—', 'font-mono text-xs'),
  column<NetworkRow>('Stack', (n) => n.stack ?? '—'),
  column<NetworkRow>('Used by', (n) => <NamesOrNone names={n.usedBy} />),
];

export function NetworksSection({ swarmId, canManage }: { swarmId: string; canManage: boolean }) {
  const [creating, setCreating] = useState(false);
  return (
    <QueryState query={useSwarmObjects(swarmId, 'networks')} waiting="Asking the swarm's managers for its networks…" what="The networks">
      {(networks) => (
        <ResourceSection
          caption="Networks"
          rows={networks}
          rowId={(n) => n.id}
          columns={COLUMNS}
          empty={{ icon: <Share2 className="size-8" />, title: 'No overlay networks', text: 'Services on an overlay network reach each other by name, whichever node they run on.' }}
          create={canManage && <Button onClick={() => setCreating(true)}>Create network</Button>}
          remove={
            canManage &&
            swarmRemoval<NetworkRow, unknown>(swarmId, {
              noun: 'network',
              name: (n) => n.name,
              allowed: (n) => n.name !== 'ingress',
              consequence: (n) => (n.usedBy.length ? `It is in use by ${n.usedBy.join(', ')}: the swarm will refuse.` : 'It is removed from every node. This cannot be undone.'),
              run: (n) => removeSwarmObjectAction({ swarmId, kind: 'network', id: n.id }),
            })
          }
        >
          {canManage && <CreateNetworkDialog swarmId={swarmId} open={creating} onOpenChange={setCreating} />}
        </ResourceSection>
      )}
    </QueryState>
  );
}
