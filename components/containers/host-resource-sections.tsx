'use client';
// Images, volumes and networks of every host the user may see, each kind in one virtualized table
// (the table kit's, as containers use) with a Host column, or one host's when the page's host
// picker names it (?host=). Who uses each object, removal (refused while in use; never the
// engine's own networks); with one host chosen, prune, and for images pull and push. A host that
// did not answer is named above the table with why; the others' rows are still shown.
import { HardDrive, Layers, Network } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { withHost } from '@/components/layout/sections.ts';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { ReadError, Waiting } from '@/components/ui/query-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { useRowRemoval } from '@/components/ui/resource-section.tsx';
import { NamesOrNone } from '@/components/ui/table.tsx';
import { VirtualTable, type VirtualColumn } from '@/components/ui/virtual-table.tsx';
import { unreadItem, WarningList } from '@/components/ui/warning-list.tsx';
import { removeHostNetworkAction, removeHostVolumeAction, removeImageAction } from '@/lib/actions/containers.ts';
import type { Result } from '@/lib/errors.ts';
import type { ImageRow, NetworkRow, VolumeRow } from '@/lib/models/containers/host-resources.ts';
import { filterByName, sortOnHosts, type OnHost, type ResourceSort, type ResourceSortKey } from '@/lib/models/containers/resources-across-hosts.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useResources } from '@/lib/queries/use-containers.ts';
import type { ResourceKind } from '@/lib/services/containers/read-host-resources.ts';
import { CreateHostObjectButton } from './create-host-object-dialogs.tsx';
import { PruneButton } from './prune-dialog.tsx';
import { PullImageForm } from './pull-image-form.tsx';
import { PushImageForm } from './push-image-form.tsx';

type Words = ReturnType<typeof useTranslations<'containers.resources'>>;
type ColumnKey = string;
/** A column of one kind: its track, its heading and what a row shows in it. The first names the row. */
type KindColumn<Row> = { key: ColumnKey; width: string; heading: string; className?: string; cell: (row: Row) => ReactNode };

/** How one kind's table lists and removes its rows, in the page's words (`t`). */
type Listing<Row> = {
  kind: ResourceKind;
  columns: (t: Words) => KindColumn<Row>[];
  empty: (t: Words, canManage: boolean) => { icon: ReactNode; title: string; text?: string };
  name: (row: Row) => string;
  /** What the Name filter looks in (the name when absent): every tag of an image. */
  searched?: (row: Row) => string;
  removable?: (row: Row) => boolean;
  consequence: (t: Words, row: Row, hostName: string) => string;
  remove: (hostId: string, row: Row) => Promise<Result<{ message: string }>>;
};

/** `hostId`: the host the page's picker chose (null: every host); `manageHosts`: where the user may change things. */
type Props = { hostId: string | null; manageHosts: string[] };

function ResourcesTable<Row>({ hostId, manageHosts, listing: l }: Props & { listing: Listing<Row> }) {
  const t = useTranslations('containers.resources');
  const words = useTranslations('containers');
  const { data, error, isPending } = useResources(l.kind, hostId);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<ResourceSort>({ key: 'name', dir: 'asc' });
  // Typing in the filter stays responsive with many rows: the table follows a moment later.
  const deferred = useDeferredValue(filter);
  const all = useMemo(() => (data?.rows ?? []) as unknown as OnHost<Row>[], [data]);
  const rows = useMemo(() => sortOnHosts(filterByName(all, deferred, l.searched ?? l.name), sort, l.name), [all, deferred, sort, l]);
  const manages = (id: string) => manageHosts.includes(id);
  const removal = useRowRemoval<OnHost<Row>, { message: string }>({
    noun: t(`noun.${l.kind}`),
    // Across hosts the same name is on several: the button and the question name the host too.
    name: (row) => (hostId ? l.name(row) : t('onHost', { name: l.name(row), host: row.hostName })),
    allowed: (row) => manages(row.hostId) && (l.removable?.(row) ?? true),
    consequence: (row) => l.consequence(t, row, row.hostName),
    run: (row) => l.remove(row.hostId, row),
    // The server says what it removed, from which host.
    done: (_, result) => result.message,
    invalidates: hostId ? queryKeys.hostResources(hostId, l.kind) : queryKeys.resourcesAll(l.kind),
  });

  if (isPending) return <Waiting what={t(`waiting.${l.kind}`)} />;
  if (!data) return <ReadError what={t(`what.${l.kind}`)} error={error ?? new Error(t('noAnswer'))} />;
  const unread = data.hosts.filter((h) => !h.ok);
  const chosen = hostId ? data.hosts.find((h) => h.hostId === hostId) : undefined;
  const canManageChosen = !!chosen && chosen.ok && manages(chosen.hostId);
  const mayManageAny = hostId ? canManageChosen : manageHosts.length > 0;
  const own = l.columns(t);
  const columns: (KindColumn<OnHost<Row>> & Pick<VirtualColumn<ColumnKey>, 'rowHeader' | 'sortable'>)[] = [
    { ...own[0], rowHeader: true, sortable: true, key: 'name' },
    ...(hostId
      ? []
      : [
          {
            key: 'host',
            width: 'minmax(6rem,1fr)',
            heading: t('columns.host'),
            sortable: true,
            className: 'truncate',
            cell: (row: OnHost<Row>) => (
              <Link href={withHost(`/containers/${l.kind}`, row.hostId)} className="text-accent hover:underline" title={row.hostName}>
                {row.hostName}
              </Link>
            ),
          },
        ]),
    ...own.slice(1),
    ...(mayManageAny ? [{ key: 'actions', width: '6rem', heading: '', className: 'text-right', cell: (row: OnHost<Row>) => removal.button(row) }] : []),
  ];
  const cells = new Map(columns.map((c) => [c.key, c.cell]));
  const empty = l.empty(t, canManageChosen);
  const caption = words(`sections.${l.kind}.label`);

  return (
    <div className="flex flex-col gap-3">
      <WarningList label={t('unreadHosts')} items={unread.map((h) => unreadItem(h.hostId, h.hostName, h.error))} />
      {canManageChosen && chosen && l.kind === 'images' && (
        <div className="flex flex-col gap-3">
          <PullImageForm hostId={chosen.hostId} hostName={chosen.hostName} />
          <PushImageForm hostId={chosen.hostId} />
        </div>
      )}
      {canManageChosen && chosen ? (
        <div className="flex flex-wrap justify-end gap-2">
          <PruneButton hostId={chosen.hostId} hostName={chosen.hostName} kind={l.kind} />
          {l.kind !== 'images' && <CreateHostObjectButton kind={l.kind} hostId={chosen.hostId} hostName={chosen.hostName} />}
        </div>
      ) : (
        !hostId && manageHosts.length > 0 && <p className="text-sm text-muted">{t(`pickHost.${l.kind}`)}</p>
      )}
      {all.length === 0 ? (
        <EmptyState icon={empty.icon} title={empty.title}>
          {empty.text}
        </EmptyState>
      ) : (
        <>
          <form role="search" aria-label={t(`filters.${l.kind}`)} className="grid grid-cols-3 gap-3" onSubmit={(e) => e.preventDefault()}>
            <TextField label={t('columns.name')} value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
          </form>
          <p role="status" className="text-sm text-muted">
            {rows.length === all.length ? t(`count.${l.kind}`, { count: all.length }) : t(`matching.${l.kind}`, { shown: rows.length, count: all.length })}
          </p>
          <VirtualTable<OnHost<Row>, ColumnKey>
            label={caption}
            rows={rows}
            rowKey={(row) => row.key}
            columns={columns.map((c) => (c.key === 'actions' ? { ...c, heading: <span className="sr-only">{t('columns.actions')}</span> } : c))}
            sort={sort}
            onSort={(next) => setSort(next as ResourceSort & { key: ResourceSortKey })}
            cell={(row, key) => cells.get(key)?.(row)}
          />
        </>
      )}
      {removal.dialog}
    </div>
  );
}

const imageName = (i: ImageRow) => i.tags[0] ?? `<none> ${i.shortId}`;

const IMAGES: Listing<ImageRow> = {
  kind: 'images',
  columns: (t) => [
    { key: 'image', width: 'minmax(10rem,2fr)', heading: t('columns.image'), className: 'truncate font-mono text-xs', cell: (i) => (i.tags.length ? <span title={i.tags.join(', ')}>{i.tags.join(', ')}</span> : <Badge>{t('dangling')}</Badge>) },
    { key: 'id', width: 'minmax(7rem,0.8fr)', heading: t('columns.id'), className: 'font-mono text-xs', cell: (i) => i.shortId },
    { key: 'size', width: 'minmax(5rem,0.6fr)', heading: t('columns.size'), className: 'whitespace-nowrap', cell: (i) => formatBytes(i.size) },
    { key: 'created', width: 'minmax(6rem,0.8fr)', heading: t('columns.created'), className: 'whitespace-nowrap text-xs', cell: (i) => <RelativeTime iso={i.createdAt} /> },
    { key: 'usedBy', width: 'minmax(6rem,1.2fr)', heading: t('columns.usedBy'), className: 'truncate', cell: (i) => <NamesOrNone names={i.usedBy} none={t('nothing')} /> },
  ],
  empty: (t, canManage) => ({ icon: <Layers className="size-8" />, title: t('images.emptyTitle'), text: canManage ? t('images.emptyManage') : t('images.emptyView') }),
  name: imageName,
  searched: (i) => [...i.tags, i.shortId].join(' '),
  consequence: (t, i, hostName) => (i.usedBy.length ? t('images.inUse', { names: i.usedBy.join(', ') }) : t('images.consequence', { host: hostName, size: formatBytes(i.size) })),
  remove: (hostId, i) => removeImageAction({ hostId, imageId: i.id, force: false }),
};

const VOLUMES: Listing<VolumeRow> = {
  kind: 'volumes',
  columns: (t) => [
    {
      key: 'name',
      width: 'minmax(10rem,2fr)',
      heading: t('columns.name'),
      className: 'truncate font-mono text-xs',
      cell: (v) => (
        <span title={v.name}>
          {v.name} {v.anonymous && <Badge>{t('anonymous')}</Badge>}
        </span>
      ),
    },
    { key: 'driver', width: 'minmax(5rem,0.6fr)', heading: t('columns.driver'), cell: (v) => v.driver },
    { key: 'created', width: 'minmax(6rem,0.8fr)', heading: t('columns.created'), className: 'whitespace-nowrap text-xs', cell: (v) => <RelativeTime iso={v.createdAt} /> },
    { key: 'usedBy', width: 'minmax(6rem,1.2fr)', heading: t('columns.inUseBy'), className: 'truncate', cell: (v) => <NamesOrNone names={v.usedBy} none={t('nothing')} /> },
  ],
  empty: (t) => ({ icon: <HardDrive className="size-8" />, title: t('volumes.emptyTitle'), text: t('volumes.emptyText') }),
  name: (v) => v.name,
  consequence: (t, v, hostName) => (v.usedBy.length ? t('volumes.inUse', { names: v.usedBy.join(', ') }) : t('volumes.consequence', { host: hostName })),
  remove: (hostId, v) => removeHostVolumeAction({ hostId, name: v.name }),
};

const NETWORKS: Listing<NetworkRow> = {
  kind: 'networks',
  columns: (t) => [
    {
      key: 'name',
      width: 'minmax(9rem,1.6fr)',
      heading: t('columns.name'),
      className: 'truncate',
      cell: (n) => (
        <span title={n.name}>
          {n.name} {n.builtIn && <Badge>{t('builtIn')}</Badge>} {n.internal && <Badge tone="warn">{t('internal')}</Badge>}
        </span>
      ),
    },
    { key: 'driver', width: 'minmax(5rem,0.6fr)', heading: t('columns.driver'), cell: (n) => n.driver },
    { key: 'scope', width: 'minmax(4rem,0.5fr)', heading: t('columns.scope'), cell: (n) => n.scope },
    { key: 'subnets', width: 'minmax(7rem,1fr)', heading: t('columns.subnets'), className: 'truncate font-mono text-xs', cell: (n) => n.subnets.join(', ') || '—' },
    { key: 'usedBy', width: 'minmax(6rem,1.2fr)', heading: t('columns.containers'), className: 'truncate', cell: (n) => <NamesOrNone names={n.usedBy} none={t('none')} /> },
  ],
  empty: (t) => ({ icon: <Network className="size-8" />, title: t('networks.emptyTitle') }),
  name: (n) => n.name,
  removable: (n) => !n.builtIn,
  consequence: (t, n, hostName) => (n.usedBy.length ? t('networks.inUse', { names: n.usedBy.join(', ') }) : t('networks.consequence', { host: hostName })),
  remove: (hostId, n) => removeHostNetworkAction({ hostId, networkId: n.id }),
};

export const HostImagesSection = (props: Props) => <ResourcesTable {...props} listing={IMAGES} />;
export const HostVolumesSection = (props: Props) => <ResourcesTable {...props} listing={VOLUMES} />;
export const HostNetworksSection = (props: Props) => <ResourcesTable {...props} listing={NETWORKS} />;
