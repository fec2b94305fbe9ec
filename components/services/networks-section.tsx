'use client';
// The swarm's overlay networks: list, create (attachable, internal, encrypted, subnet), remove.
import { useQueryClient } from '@tanstack/react-query';
import { Share2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Waiting } from '@/components/swarms/swarm-detail.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { createNetworkAction, removeSwarmObjectAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import type { NetworkRow } from '@/lib/services/swarm-services/swarm-objects.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { UsedBy } from './objects-section.tsx';
import { ReadError } from './services-list.tsx';

const OPTIONS = [
  { key: 'attachable', label: 'Attachable', hint: 'Standalone containers may join it too, not only services.' },
  { key: 'internal', label: 'Internal', hint: 'No route out of the network.' },
  { key: 'encrypted', label: 'Encrypted', hint: 'Traffic between nodes is encrypted (IPsec).' },
] as const;

function CreateNetworkDialog({ swarmId, open, onOpenChange }: { swarmId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [name, setName] = useState('');
  const [subnet, setSubnet] = useState('');
  const [flags, setFlags] = useState({ attachable: false, internal: false, encrypted: false });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const reset = () => {
    setName('');
    setSubnet('');
    setFlags({ attachable: false, internal: false, encrypted: false });
    setErrors({});
    setMessage(null);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        if (!next) reset();
        onOpenChange(next);
      }}
      title="Create an overlay network"
      description="A network that spans the swarm's nodes; services attached to it reach each other by name."
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setErrors({});
          setMessage(null);
          const result = await createNetworkAction({ swarmId, name, subnet: subnet.trim() || null, ...flags }).finally(() => setBusy(false));
          if (!result.ok) {
            setErrors(result.error.fieldErrors ?? {});
            setMessage(result.error.message);
            return;
          }
          toast.success(`Created network ${name.trim()}`);
          await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
          reset();
          onOpenChange(false);
        }}
      >
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="off" spellCheck={false} autoFocus />
        <TextField label="Subnet" hint="Optional, in CIDR notation, e.g. 10.30.0.0/24. Empty: the swarm picks one." value={subnet} onChange={(e) => setSubnet(e.target.value)} error={errors.subnet} autoComplete="off" />
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
        <FormError message={message} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy}>
            Create network
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

const yes = (value: boolean) => (value ? <Badge tone="accent">yes</Badge> : <span className="text-muted">no</span>);

export function NetworksSection({ swarmId, canManage }: { swarmId: string; canManage: boolean }) {
  const { data, error, isPending } = useSwarmObjects(swarmId, 'networks');
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<NetworkRow | null>(null);
  const createButton = canManage ? <Button onClick={() => setCreating(true)}>Create network</Button> : undefined;

  let body;
  if (isPending) body = <Waiting what="Asking the swarm's managers for its networks…" />;
  else if (!data) body = <ReadError what="The networks" error={error ?? new Error('No answer.')} />;
  else if (data.length === 0) {
    body = (
      <EmptyState icon={<Share2 className="size-8" />} title="No overlay networks" action={createButton}>
        Services on an overlay network reach each other by name, whichever node they run on.
      </EmptyState>
    );
  } else {
    body = (
      <Table
        caption="Networks"
        columns={[{ label: 'Name' }, { label: 'Driver' }, { label: 'Scope' }, { label: 'Attachable' }, { label: 'Internal' }, { label: 'Encrypted' }, { label: 'Subnet' }, { label: 'Stack' }, { label: 'Used by' }, { label: <span className="sr-only">Actions</span> }]}
      >
        {data.map((n) => (
          <Tr key={n.id} className="align-top text-sm">
            <RowHeader className="font-medium">{n.name}</RowHeader>
            <Td>{n.driver}</Td>
            <Td>{n.scope}</Td>
            <Td>{yes(n.attachable)}</Td>
            <Td>{yes(n.internal)}</Td>
            <Td>{yes(n.encrypted)}</Td>
            <Td className="font-mono text-xs">{n.subnets.join(', ') || '—'}</Td>
            <Td>{n.stack ?? '—'}</Td>
            <Td>
              <UsedBy names={n.usedBy} />
            </Td>
            <Td className="text-right">
              {canManage && n.name !== 'ingress' && (
                <Button variant="ghost" size="sm" aria-label={`Remove ${n.name}`} onClick={() => setRemoving(n)}>
                  Remove
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </Table>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      {createButton && data && data.length > 0 && <div className="flex justify-end">{createButton}</div>}
      {body}
      {canManage && <CreateNetworkDialog swarmId={swarmId} open={creating} onOpenChange={setCreating} />}
      {removing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={`Remove network ${removing.name}?`}
          description={removing.usedBy.length ? `It is in use by ${removing.usedBy.join(', ')}: the swarm will refuse.` : 'It is removed from every node. This cannot be undone.'}
          confirmLabel="Remove network"
          danger
          onConfirm={async () => {
            const result = await removeSwarmObjectAction({ swarmId, kind: 'network', id: removing.id });
            if (!result.ok) return result.error.message;
            toast.success(`Removed network ${removing.name}`);
            await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
            return null;
          }}
        />
      )}
    </div>
  );
}
