'use client';
// Each node's local volumes (through the nodes whose engine is a registered host), the containers
// that use them, and removal — refused by the server while a container uses the volume.
import { useQueryClient } from '@tanstack/react-query';
import { HardDrive } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Waiting } from '@/components/swarms/swarm-detail.tsx';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { removeVolumeAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import type { VolumeRow } from '@/lib/services/swarm-services/volume-views.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ReadError } from './services-list.tsx';

export function VolumesSection({ swarmId, canManage }: { swarmId: string; canManage: boolean }) {
  const { data, error, isPending } = useSwarmObjects(swarmId, 'volumes');
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<VolumeRow | null>(null);

  if (isPending) return <Waiting what="Asking each node for its volumes…" />;
  if (!data) return <ReadError what="The volumes" error={error ?? new Error('No answer.')} />;
  const unread = data.sources.filter((s) => s.error);

  return (
    <div className="flex flex-col gap-3">
      {unread.length > 0 && (
        <ul aria-label="Nodes not listed" className="flex flex-col gap-1">
          {unread.map((s) => (
            <li key={s.nodeId} className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
              <strong>{s.node}:</strong> {s.error}
            </li>
          ))}
        </ul>
      )}
      {data.volumes.length === 0 ? (
        <EmptyState icon={<HardDrive className="size-8" />} title="No volumes">
          Volumes appear here when services or containers create them on a node.
        </EmptyState>
      ) : (
        <Table caption="Volumes" columns={[{ label: 'Name' }, { label: 'Node' }, { label: 'Host' }, { label: 'Driver' }, { label: 'Stack' }, { label: 'In use by' }, { label: 'Created' }, { label: <span className="sr-only">Actions</span> }]}>
          {data.volumes.map((v) => (
            <Tr key={v.key} className="align-top text-sm">
              <RowHeader className="max-w-64 break-all font-medium">{v.name}</RowHeader>
              <Td>{v.node}</Td>
              <Td>{v.hostName}</Td>
              <Td>{v.driver}</Td>
              <Td>{v.stack ?? '—'}</Td>
              <Td>{v.usedBy.length ? v.usedBy.join(', ') : <span className="text-muted">nothing</span>}</Td>
              <Td className="whitespace-nowrap text-xs">{v.createdAt ? <RelativeTime iso={v.createdAt} /> : '—'}</Td>
              <Td className="text-right">
                {canManage && (
                  <Button variant="ghost" size="sm" aria-label={`Remove ${v.name} on ${v.node}`} onClick={() => setRemoving(v)}>
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
          title={`Remove volume ${removing.name} on ${removing.node}?`}
          description={removing.usedBy.length ? `It is in use by ${removing.usedBy.join(', ')}: the engine will refuse.` : 'Its data is deleted from the node. This cannot be undone.'}
          confirmLabel="Remove volume"
          danger
          onConfirm={async () => {
            const result = await removeVolumeAction({ swarmId, hostId: removing.hostId, name: removing.name });
            if (!result.ok) return result.error.message;
            toast.success(`Removed volume ${removing.name} on ${removing.node}`);
            await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
            return null;
          }}
        />
      )}
    </div>
  );
}
