'use client';
// One host's networks: attached containers, remove (not the engine's own, not while in use), prune.
import { useQueryClient } from '@tanstack/react-query';
import { Network } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/services/confirm-dialog.tsx';
import { ReadError } from '@/components/services/services-list.tsx';
import { Waiting } from '@/components/swarms/swarm-detail.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { removeHostNetworkAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostResources } from '@/lib/queries/use-containers.ts';
import type { NetworkRow } from '@/lib/models/containers/host-resources.ts';
import { PruneButton } from './prune-dialog.tsx';

export function HostNetworksSection({ hostId, canManage }: { hostId: string; canManage: boolean }) {
  const { data, error, isPending } = useHostResources(hostId, 'networks');
  const [removing, setRemoving] = useState<NetworkRow | null>(null);
  const queryClient = useQueryClient();
  if (isPending) return <Waiting what="Asking the host for its networks…" />;
  if (!data) return <ReadError what="The networks" error={error ?? new Error('No answer.')} />;
  return (
    <div className="flex flex-col gap-3">
      {canManage && (
        <div className="flex justify-end">
          <PruneButton hostId={hostId} hostName={data.hostName} kind="networks" />
        </div>
      )}
      {data.networks.length === 0 ? (
        <EmptyState icon={<Network className="size-8" />} title="No networks" />
      ) : (
        <Table caption="Networks" columns={[{ label: 'Name' }, { label: 'Driver' }, { label: 'Scope' }, { label: 'Subnets' }, { label: 'Containers' }, { label: <span className="sr-only">Actions</span> }]}>
          {data.networks.map((n) => (
            <Tr key={n.id} className="text-sm">
              <RowHeader className="break-all">
                {n.name} {n.builtIn && <Badge>built in</Badge>} {n.internal && <Badge tone="warn">internal</Badge>}
              </RowHeader>
              <Td>{n.driver}</Td>
              <Td>{n.scope}</Td>
              <Td className="font-mono text-xs">{n.subnets.join(', ') || '—'}</Td>
              <Td>{n.usedBy.length ? n.usedBy.join(', ') : <span className="text-muted">none</span>}</Td>
              <Td className="text-right">
                {canManage && !n.builtIn && (
                  <Button variant="ghost" size="sm" aria-label={`Remove network ${n.name}`} onClick={() => setRemoving(n)}>
                    Remove
                  </Button>
                )}
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      {removing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={`Remove network ${removing.name}?`}
          description={removing.usedBy.length ? `Containers ${removing.usedBy.join(', ')} are attached: the removal will be refused.` : `It is deleted from ${data.hostName}.`}
          confirmLabel="Remove network"
          danger
          onConfirm={async () => {
            const result = await removeHostNetworkAction({ hostId, networkId: removing.id });
            if (!result.ok) return result.error.message;
            toast.success(result.data.message);
            await queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, 'networks') });
            return null;
          }}
        />
      )}
    </div>
  );
}
