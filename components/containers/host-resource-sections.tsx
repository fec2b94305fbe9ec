'use client';
// One host's images, volumes and networks: who uses each, removal (refused while in use; never
// the engine's own networks), prune, and for images a pull with progress.
import { HardDrive, Layers, Network } from 'lucide-react';
import { formatBytes } from '@/components/hosts/format.ts';
import { Badge } from '@/components/ui/badge.tsx';
import { column } from '@/components/ui/data-table.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { ResourceSection, type Removal } from '@/components/ui/resource-section.tsx';
import { NamesOrNone } from '@/components/ui/table.tsx';
import { removeHostNetworkAction, removeHostVolumeAction, removeImageAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostResources } from '@/lib/queries/use-containers.ts';
import type { ImageRow, NetworkRow, VolumeRow } from '@/lib/models/containers/host-resources.ts';
import { PruneButton } from './prune-dialog.tsx';
import { PullImageForm } from './pull-image-form.tsx';

type Props = { hostId: string; canManage: boolean };
type Kind = 'images' | 'volumes' | 'networks';

/** The server says what it removed, from which host; the list refreshes. */
const removal = <T,>(hostId: string, kind: Kind, spec: Omit<Removal<T, { message: string }>, 'done' | 'invalidates'>): Removal<T, { message: string }> => ({
  ...spec,
  done: (_, data) => data.message,
  invalidates: queryKeys.hostResources(hostId, kind),
});

const imageLabel = (i: ImageRow) => i.tags[0] ?? `<none> ${i.shortId}`;

const IMAGE_COLUMNS = [
  column<ImageRow>('Image', (i) => (i.tags.length ? i.tags.join(', ') : <Badge>dangling</Badge>), 'break-all font-mono text-xs'),
  column<ImageRow>('Id', (i) => i.shortId, 'font-mono text-xs'),
  column<ImageRow>('Size', (i) => formatBytes(i.size), 'whitespace-nowrap'),
  column<ImageRow>('Created', (i) => <RelativeTime iso={i.createdAt} />, 'whitespace-nowrap text-xs'),
  column<ImageRow>('Used by', (i) => <NamesOrNone names={i.usedBy} />),
];

export function HostImagesSection({ hostId, canManage }: Props) {
  return (
    <QueryState query={useHostResources(hostId, 'images')} waiting="Asking the host for its images…" what="The images">
      {({ hostName, images }) => (
        <ResourceSection
          caption="Images"
          rows={images}
          rowId={(i) => i.id}
          columns={IMAGE_COLUMNS}
          empty={{ icon: <Layers className="size-8" />, title: 'No images', text: canManage ? 'Pull one above.' : 'This host has no images yet.' }}
          toolbar={canManage && <PullImageForm hostId={hostId} hostName={hostName} />}
          actions={canManage && <PruneButton hostId={hostId} hostName={hostName} kind="images" />}
          remove={
            canManage &&
            removal<ImageRow>(hostId, 'images', {
              label: (i) => `Remove image ${imageLabel(i)}`,
              title: (i) => `Remove image ${imageLabel(i)}?`,
              description: (i) => (i.usedBy.length ? `It is used by ${i.usedBy.join(', ')}: remove those containers first.` : `It is deleted from ${hostName} (${formatBytes(i.size)}). Pull it again to get it back.`),
              confirmLabel: 'Remove image',
              run: (i) => removeImageAction({ hostId, imageId: i.id, force: false }),
            })
          }
        />
      )}
    </QueryState>
  );
}

const VOLUME_COLUMNS = [
  column<VolumeRow>('Name', (v) => <>{v.name} {v.anonymous && <Badge>anonymous</Badge>}</>, 'max-w-96 break-all font-mono text-xs'),
  column<VolumeRow>('Driver', (v) => v.driver),
  column<VolumeRow>('Created', (v) => <RelativeTime iso={v.createdAt} />, 'whitespace-nowrap text-xs'),
  column<VolumeRow>('In use by', (v) => <NamesOrNone names={v.usedBy} />),
];

export function HostVolumesSection({ hostId, canManage }: Props) {
  return (
    <QueryState query={useHostResources(hostId, 'volumes')} waiting="Asking the host for its volumes…" what="The volumes">
      {({ hostName, volumes }) => (
        <ResourceSection
          caption="Volumes"
          rows={volumes}
          rowId={(v) => v.name}
          columns={VOLUME_COLUMNS}
          empty={{ icon: <HardDrive className="size-8" />, title: 'No volumes', text: 'Volumes appear here when containers create them.' }}
          actions={canManage && <PruneButton hostId={hostId} hostName={hostName} kind="volumes" />}
          remove={
            canManage &&
            removal<VolumeRow>(hostId, 'volumes', {
              label: (v) => `Remove volume ${v.name}`,
              title: (v) => `Remove volume ${v.name}?`,
              description: (v) => (v.usedBy.length ? `It is in use by ${v.usedBy.join(', ')}: remove those containers first.` : `Its data is deleted from ${hostName}. This cannot be undone.`),
              confirmLabel: 'Remove volume',
              run: (v) => removeHostVolumeAction({ hostId, name: v.name }),
            })
          }
        />
      )}
    </QueryState>
  );
}

const NETWORK_COLUMNS = [
  column<NetworkRow>(
    'Name',
    (n) => (
      <>
        {n.name} {n.builtIn && <Badge>built in</Badge>} {n.internal && <Badge tone="warn">internal</Badge>}
      </>
    ),
    'break-all',
  ),
  column<NetworkRow>('Driver', (n) => n.driver),
  column<NetworkRow>('Scope', (n) => n.scope),
  column<NetworkRow>('Subnets', (n) => n.subnets.join(', ') || '—', 'font-mono text-xs'),
  column<NetworkRow>('Containers', (n) => <NamesOrNone names={n.usedBy} none="none" />),
];

export function HostNetworksSection({ hostId, canManage }: Props) {
  return (
    <QueryState query={useHostResources(hostId, 'networks')} waiting="Asking the host for its networks…" what="The networks">
      {({ hostName, networks }) => (
        <ResourceSection
          caption="Networks"
          rows={networks}
          rowId={(n) => n.id}
          columns={NETWORK_COLUMNS}
          empty={{ icon: <Network className="size-8" />, title: 'No networks' }}
          actions={canManage && <PruneButton hostId={hostId} hostName={hostName} kind="networks" />}
          remove={
            canManage &&
            removal<NetworkRow>(hostId, 'networks', {
              allowed: (n) => !n.builtIn,
              label: (n) => `Remove network ${n.name}`,
              title: (n) => `Remove network ${n.name}?`,
              description: (n) => (n.usedBy.length ? `Containers ${n.usedBy.join(', ')} are attached: the removal will be refused.` : `It is deleted from ${hostName}.`),
              confirmLabel: 'Remove network',
              run: (n) => removeHostNetworkAction({ hostId, networkId: n.id }),
            })
          }
        />
      )}
    </QueryState>
  );
}
