'use client';
// One host's volumes: who uses them, remove (refused while in use), prune.
import { useQueryClient } from '@tanstack/react-query';
import { HardDrive } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/services/confirm-dialog.tsx';
import { ReadError } from '@/components/services/services-list.tsx';
import { Waiting } from '@/components/swarms/swarm-detail.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { removeHostVolumeAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostResources } from '@/lib/queries/use-containers.ts';
import type { VolumeRow } from '@/lib/models/containers/host-resources.ts';
import { PruneButton } from './prune-dialog.tsx';

export function HostVolumesSection({ hostId, canManage }: { hostId: string; canManage: boolean }) {
  const { data, error, isPending } = useHostResources(hostId, 'volumes');
  const [removing, setRemoving] = useState<VolumeRow | null>(null);
  const queryClient = useQueryClient();
  if (isPending) return <Waiting what="Asking the host for its volumes…" />;
  if (!data) return <ReadError what="The volumes" error={error ?? new Error('No answer.')} />;
  return (
    <div className="flex flex-col gap-3">
      {canManage && (
        <div className="flex justify-end">
          <PruneButton hostId={hostId} hostName={data.hostName} kind="volumes" />
        </div>
      )}
      {data.volumes.length === 0 ? (
        <EmptyState icon={<HardDrive className="size-8" />} title="No volumes">
          Volumes appear here when containers create them.
        </EmptyState>
      ) : (
        <Table caption="Volumes" columns={[{ label: 'Name' }, { label: 'Driver' }, { label: 'Created' }, { label: 'In use by' }, { label: <span className="sr-only">Actions</span> }]}>
          {data.volumes.map((v) => (
            <Tr key={v.name} className="text-sm">
              <RowHeader className="max-w-96 break-all font-mono text-xs">
                {v.name} {v.anonymous && <Badge>anonymous</Badge>}
              </RowHeader>
              <Td>{v.driver}</Td>
              <Td className="whitespace-nowrap text-xs">{v.createdAt ? <RelativeTime iso={v.createdAt} /> : '—'}</Td>
              <Td>{v.usedBy.length ? v.usedBy.join(', ') : <span className="text-muted">nothing</span>}</Td>
              <Td className="text-right">
                {canManage && (
                  <Button variant="ghost" size="sm" aria-label={`Remove volume ${v.name}`} onClick={() => setRemoving(v)}>
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
          title={`Remove volume ${removing.name}?`}
          description={removing.usedBy.length ? `It is in use by ${removing.usedBy.join(', ')}: remove those containers first.` : `Its data is deleted from ${data.hostName}. This cannot be undone.`}
          confirmLabel="Remove volume"
          danger
          onConfirm={async () => {
            const result = await removeHostVolumeAction({ hostId, name: removing.name });
            if (!result.ok) return result.error.message;
            toast.success(result.data.message);
            await queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, 'volumes') });
            return null;
          }}
        />
      )}
    </div>
  );
}
