'use client';
// One host's images, volumes and networks: who uses each, removal (refused while in use; never
// the engine's own networks), prune, and for images a pull with progress. One section, three
// descriptions of what it lists.
import { HardDrive, Layers, Network } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { formatBytes } from '@/components/hosts/format.ts';
import { Badge } from '@/components/ui/badge.tsx';
import { column } from '@/components/ui/data-table.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { NamesOrNone } from '@/components/ui/table.tsx';
import { removeHostNetworkAction, removeHostVolumeAction, removeImageAction } from '@/lib/actions/containers.ts';
import type { Result } from '@/lib/errors.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostResources, type HostResources } from '@/lib/queries/use-containers.ts';
import type { ImageRow, NetworkRow, VolumeRow } from '@/lib/models/containers/host-resources.ts';
import { PruneButton } from './prune-dialog.tsx';
import { PullImageForm } from './pull-image-form.tsx';

type Kind = keyof HostResources;

/**
 * How one kind's section lists and removes its rows. The rest follows from the kind: the rows are
 * data[kind], the table is captioned "Images", a row is an "image".
 */
type Listing<K extends Kind, Row> = {
  kind: K;
  rowId: (row: Row) => string;
  columns: ColumnDef<Row>[];
  empty: { icon: ReactNode; title: string; text?: (canManage: boolean) => string };
  name: (row: Row) => string;
  removable?: (row: Row) => boolean;
  consequence: (row: Row, hostName: string) => string;
  remove: (hostId: string, row: Row) => Promise<Result<{ message: string }>>;
};

type Props = { hostId: string; canManage: boolean };

function HostResourceSection<K extends Kind, Row>({ hostId, canManage, listing: l }: Props & { listing: Listing<K, Row> }) {
  const caption = `${l.kind[0].toUpperCase()}${l.kind.slice(1)}`;
  return (
    <QueryState query={useHostResources(hostId, l.kind)} waiting={`Asking the host for its ${l.kind}…`} what={`The ${l.kind}`}>
      {(data) => (
        <ResourceSection<Row, { message: string }>
          caption={caption}
          rows={(data as Record<K, Row[]>)[l.kind]}
          rowId={l.rowId}
          columns={l.columns}
          empty={{ icon: l.empty.icon, title: l.empty.title, text: l.empty.text?.(canManage) }}
          toolbar={canManage && l.kind === 'images' && <PullImageForm hostId={hostId} hostName={data.hostName} />}
          actions={canManage && <PruneButton hostId={hostId} hostName={data.hostName} kind={l.kind} />}
          remove={
            canManage && {
              noun: l.kind.slice(0, -1),
              name: l.name,
              allowed: l.removable,
              consequence: (row) => l.consequence(row, data.hostName),
              run: (row) => l.remove(hostId, row),
              // The server says what it removed, from which host.
              done: (_, result) => result.message,
              invalidates: queryKeys.hostResources(hostId, l.kind),
            }
          }
        />
      )}
    </QueryState>
  );
}

const imageName = (i: ImageRow) => i.tags[0] ?? `<none> ${i.shortId}`;

const IMAGES: Listing<'images', ImageRow> = {
  kind: 'images',
  rowId: (i) => i.id,
  columns: [
    column('Image', (i) => (i.tags.length ? i.tags.join(', ') : <Badge>dangling</Badge>), 'break-all font-mono text-xs'),
    column('Id', (i) => i.shortId, 'font-mono text-xs'),
    column('Size', (i) => formatBytes(i.size), 'whitespace-nowrap'),
    column('Created', (i) => <RelativeTime iso={i.createdAt} />, 'whitespace-nowrap text-xs'),
    column('Used by', (i) => <NamesOrNone names={i.usedBy} />),
  ],
  empty: { icon: <Layers className="size-8" />, title: 'No images', text: (canManage) => (canManage ? 'Pull one above.' : 'This host has no images yet.') },
  name: imageName,
  consequence: (i, hostName) => (i.usedBy.length ? `It is used by ${i.usedBy.join(', ')}: remove those containers first.` : `It is deleted from ${hostName} (${formatBytes(i.size)}). Pull it again to get it back.`),
  remove: (hostId, i) => removeImageAction({ hostId, imageId: i.id, force: false }),
};

const VOLUMES: Listing<'volumes', VolumeRow> = {
  kind: 'volumes',
  rowId: (v) => v.name,
  columns: [
    column('Name', (v) => <>{v.name} {v.anonymous && <Badge>anonymous</Badge>}</>, 'max-w-96 break-all font-mono text-xs'),
    column('Driver', (v) => v.driver),
    column('Created', (v) => <RelativeTime iso={v.createdAt} />, 'whitespace-nowrap text-xs'),
    column('In use by', (v) => <NamesOrNone names={v.usedBy} />),
  ],
  empty: { icon: <HardDrive className="size-8" />, title: 'No volumes', text: () => 'Volumes appear here when containers create them.' },
  name: (v) => v.name,
  consequence: (v, hostName) => (v.usedBy.length ? `It is in use by ${v.usedBy.join(', ')}: remove those containers first.` : `Its data is deleted from ${hostName}. This cannot be undone.`),
  remove: (hostId, v) => removeHostVolumeAction({ hostId, name: v.name }),
};

const NETWORKS: Listing<'networks', NetworkRow> = {
  kind: 'networks',
  rowId: (n) => n.id,
  columns: [
    column(
      'Name',
      (n) => (
        <>
          {n.name} {n.builtIn && <Badge>built in</Badge>} {n.internal && <Badge tone="warn">internal</Badge>}
        </>
      ),
      'break-all',
    ),
    column('Driver', (n) => n.driver),
    column('Scope', (n) => n.scope),
    column('Subnets', (n) => n.subnets.join(', ') || '—', 'font-mono text-xs'),
    column('Containers', (n) => <NamesOrNone names={n.usedBy} none="none" />),
  ],
  empty: { icon: <Network className="size-8" />, title: 'No networks' },
  name: (n) => n.name,
  removable: (n) => !n.builtIn,
  consequence: (n, hostName) => (n.usedBy.length ? `Containers ${n.usedBy.join(', ')} are attached: the removal will be refused.` : `It is deleted from ${hostName}.`),
  remove: (hostId, n) => removeHostNetworkAction({ hostId, networkId: n.id }),
};

export const HostImagesSection = (props: Props) => <HostResourceSection {...props} listing={IMAGES} />;
export const HostVolumesSection = (props: Props) => <HostResourceSection {...props} listing={VOLUMES} />;
export const HostNetworksSection = (props: Props) => <HostResourceSection {...props} listing={NETWORKS} />;
