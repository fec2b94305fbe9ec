'use client';
// One host's images: pull with progress, remove (refused while a container uses it), prune.
import { useQueryClient } from '@tanstack/react-query';
import { Layers } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/services/confirm-dialog.tsx';
import { ReadError } from '@/components/services/services-list.tsx';
import { Waiting } from '@/components/swarms/swarm-detail.tsx';
import { formatBytes } from '@/components/hosts/format.ts';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { removeImageAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostResources } from '@/lib/queries/use-containers.ts';
import type { ImageRow } from '@/lib/models/containers/host-resources.ts';
import { PruneButton } from './prune-dialog.tsx';
import { PullImageForm } from './pull-image-form.tsx';

const imageLabel = (i: ImageRow) => i.tags[0] ?? `<none> ${i.shortId}`;

export function HostImagesSection({ hostId, canManage }: { hostId: string; canManage: boolean }) {
  const { data, error, isPending } = useHostResources(hostId, 'images');
  const [removing, setRemoving] = useState<ImageRow | null>(null);
  const queryClient = useQueryClient();
  if (isPending) return <Waiting what="Asking the host for its images…" />;
  if (!data) return <ReadError what="The images" error={error ?? new Error('No answer.')} />;
  return (
    <div className="flex flex-col gap-3">
      {canManage && (
        <>
          <PullImageForm hostId={hostId} hostName={data.hostName} />
          <div className="flex justify-end">
            <PruneButton hostId={hostId} hostName={data.hostName} kind="images" />
          </div>
        </>
      )}
      {data.images.length === 0 ? (
        <EmptyState icon={<Layers className="size-8" />} title="No images">
          {canManage ? 'Pull one above.' : 'This host has no images yet.'}
        </EmptyState>
      ) : (
        <Table caption="Images" columns={[{ label: 'Image' }, { label: 'Id' }, { label: 'Size' }, { label: 'Created' }, { label: 'Used by' }, { label: <span className="sr-only">Actions</span> }]}>
          {data.images.map((i) => (
            <Tr key={i.id} className="text-sm">
              <RowHeader className="break-all font-mono text-xs">
                {i.tags.length ? i.tags.join(', ') : <Badge>dangling</Badge>}
              </RowHeader>
              <Td className="font-mono text-xs">{i.shortId}</Td>
              <Td className="whitespace-nowrap">{formatBytes(i.size)}</Td>
              <Td className="whitespace-nowrap text-xs">{i.createdAt ? <RelativeTime iso={i.createdAt} /> : '—'}</Td>
              <Td>{i.usedBy.length ? i.usedBy.join(', ') : <span className="text-muted">nothing</span>}</Td>
              <Td className="text-right">
                {canManage && (
                  <Button variant="ghost" size="sm" aria-label={`Remove image ${imageLabel(i)}`} onClick={() => setRemoving(i)}>
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
          title={`Remove image ${imageLabel(removing)}?`}
          description={removing.usedBy.length ? `It is used by ${removing.usedBy.join(', ')}: remove those containers first.` : `It is deleted from ${data.hostName} (${formatBytes(removing.size)}). Pull it again to get it back.`}
          confirmLabel="Remove image"
          danger
          onConfirm={async () => {
            const result = await removeImageAction({ hostId, imageId: removing.id, force: false });
            if (!result.ok) return result.error.message;
            toast.success(result.data.message);
            await queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, 'images') });
            return null;
          }}
        />
      )}
    </div>
  );
}
