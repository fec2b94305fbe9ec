'use client';
// One host's images, volumes and networks: who uses each, removal (refused while in use; never
// the engine's own networks), prune, and for images a pull with progress. One section, three
// descriptions of what it lists.
import { HardDrive, Layers, Network } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
import { PushImageForm } from './push-image-form.tsx';

type Kind = keyof HostResources;
type Words = ReturnType<typeof useTranslations<'containers.resources'>>;

/**
 * How one kind's section lists and removes its rows, in the page's words (`t`). The rest follows
 * from the kind: the rows are data[kind], the table is captioned "Images", a row is an "image".
 */
type Listing<K extends Kind, Row> = {
  kind: K;
  rowId: (row: Row) => string;
  columns: (t: Words) => ColumnDef<Row>[];
  empty: (t: Words, canManage: boolean) => { icon: ReactNode; title: string; text?: string };
  name: (row: Row) => string;
  removable?: (row: Row) => boolean;
  consequence: (t: Words, row: Row, hostName: string) => string;
  remove: (hostId: string, row: Row) => Promise<Result<{ message: string }>>;
};

type Props = { hostId: string; canManage: boolean };

function HostResourceSection<K extends Kind, Row>({ hostId, canManage, listing: l }: Props & { listing: Listing<K, Row> }) {
  const t = useTranslations('containers.resources');
  const words = useTranslations('containers');
  const kind: Kind = l.kind;
  return (
    <QueryState query={useHostResources(hostId, l.kind)} waiting={t(`waiting.${kind}`)} what={t(`what.${kind}`)}>
      {(data) => (
        <ResourceSection<Row, { message: string }>
          caption={words(`sections.${kind}.label`)}
          rows={(data as Record<K, Row[]>)[l.kind]}
          rowId={l.rowId}
          columns={l.columns(t)}
          empty={l.empty(t, canManage)}
          toolbar={canManage && l.kind === 'images' && (
            <div className="flex flex-col gap-3">
              <PullImageForm hostId={hostId} hostName={data.hostName} />
              <PushImageForm hostId={hostId} />
            </div>
          )}
          actions={canManage && <PruneButton hostId={hostId} hostName={data.hostName} kind={l.kind} />}
          remove={
            canManage && {
              noun: t(`noun.${kind}`),
              name: l.name,
              allowed: l.removable,
              consequence: (row) => l.consequence(t, row, data.hostName),
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
  columns: (t) => [
    column(t('columns.image'), (i) => (i.tags.length ? i.tags.join(', ') : <Badge>{t('dangling')}</Badge>), 'break-all font-mono text-xs'),
    column(t('columns.id'), (i) => i.shortId, 'font-mono text-xs'),
    column(t('columns.size'), (i) => formatBytes(i.size), 'whitespace-nowrap'),
    column(t('columns.created'), (i) => <RelativeTime iso={i.createdAt} />, 'whitespace-nowrap text-xs'),
    column(t('columns.usedBy'), (i) => <NamesOrNone names={i.usedBy} none={t('nothing')} />),
  ],
  empty: (t, canManage) => ({ icon: <Layers className="size-8" />, title: t('images.emptyTitle'), text: canManage ? t('images.emptyManage') : t('images.emptyView') }),
  name: imageName,
  consequence: (t, i, hostName) => (i.usedBy.length ? t('images.inUse', { names: i.usedBy.join(', ') }) : t('images.consequence', { host: hostName, size: formatBytes(i.size) })),
  remove: (hostId, i) => removeImageAction({ hostId, imageId: i.id, force: false }),
};

const VOLUMES: Listing<'volumes', VolumeRow> = {
  kind: 'volumes',
  rowId: (v) => v.name,
  columns: (t) => [
    column(t('columns.name'), (v) => <>{v.name} {v.anonymous && <Badge>{t('anonymous')}</Badge>}</>, 'max-w-96 break-all font-mono text-xs'),
    column(t('columns.driver'), (v) => v.driver),
    column(t('columns.created'), (v) => <RelativeTime iso={v.createdAt} />, 'whitespace-nowrap text-xs'),
    column(t('columns.inUseBy'), (v) => <NamesOrNone names={v.usedBy} none={t('nothing')} />),
  ],
  empty: (t) => ({ icon: <HardDrive className="size-8" />, title: t('volumes.emptyTitle'), text: t('volumes.emptyText') }),
  name: (v) => v.name,
  consequence: (t, v, hostName) => (v.usedBy.length ? t('volumes.inUse', { names: v.usedBy.join(', ') }) : t('volumes.consequence', { host: hostName })),
  remove: (hostId, v) => removeHostVolumeAction({ hostId, name: v.name }),
};

const NETWORKS: Listing<'networks', NetworkRow> = {
  kind: 'networks',
  rowId: (n) => n.id,
  columns: (t) => [
    column(
      t('columns.name'),
      (n) => (
        <>
          {n.name} {n.builtIn && <Badge>{t('builtIn')}</Badge>} {n.internal && <Badge tone="warn">{t('internal')}</Badge>}
        </>
      ),
      'break-all',
    ),
    column(t('columns.driver'), (n) => n.driver),
    column(t('columns.scope'), (n) => n.scope),
    column(t('columns.subnets'), (n) => n.subnets.join(', ') || '—', 'font-mono text-xs'),
    column(t('columns.containers'), (n) => <NamesOrNone names={n.usedBy} none={t('none')} />),
  ],
  empty: (t) => ({ icon: <Network className="size-8" />, title: t('networks.emptyTitle') }),
  name: (n) => n.name,
  removable: (n) => !n.builtIn,
  consequence: (t, n, hostName) => (n.usedBy.length ? t('networks.inUse', { names: n.usedBy.join(', ') }) : t('networks.consequence', { host: hostName })),
  remove: (hostId, n) => removeHostNetworkAction({ hostId, networkId: n.id }),
};

export const HostImagesSection = (props: Props) => <HostResourceSection {...props} listing={IMAGES} />;
export const HostVolumesSection = (props: Props) => <HostResourceSection {...props} listing={VOLUMES} />;
export const HostNetworksSection = (props: Props) => <HostResourceSection {...props} listing={NETWORKS} />;
