'use client';
// One table of containers across hosts (or one host's): filters, sortable columns, row actions,
// live state, drawn by the table kit's virtualized table (components/ui/virtual-table.tsx).
import { Box } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useDeferredValue, useMemo, useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { VirtualTable, type VirtualColumn } from '@/components/ui/virtual-table.tsx';
import { ReadError, Waiting } from '@/components/ui/query-state.tsx';
import { unreadItem, WarningList } from '@/components/ui/warning-list.tsx';
import { useContainerList } from '@/lib/queries/use-containers.ts';
import { filterChoices, filterContainers, sortContainers, type ContainerFilters, type ContainerRow, type Sort, type SortKey } from '@/lib/models/containers/container-views.ts';
import { splitImageTag } from '@/lib/models/containers/image-tag.ts';
import { useHostImageUpdates } from '@/lib/queries/use-image-updates.ts';
import { ContainerImageUpdate } from '@/components/registries/image-update.tsx';
import { cn } from '@/lib/ui/cn.ts';
import { containerLinks } from '@/lib/models/containers/container-links.ts';
import { selectAllState, selectedRows, toggleAll } from '@/lib/models/containers/bulk-actions.ts';
import { BulkActionsBar } from './bulk-actions-bar.tsx';
import { ContainerActions } from './container-actions.tsx';
import { HealthBadge, isKnownState, StateBadge } from './container-state.tsx';

type ColumnKey = SortKey | 'select' | 'ports' | 'actions';
type Column = Omit<VirtualColumn<ColumnKey>, 'heading'>;
const truncate = 'truncate';
const COLUMNS: Column[] = [
  { key: 'select', width: '2.25rem' },
  { key: 'name', width: 'minmax(8rem,1.5fr)', sortable: true, rowHeader: true, className: cn(truncate, 'font-medium') },
  { key: 'host', width: 'minmax(6rem,1.1fr)', sortable: true, className: truncate },
  { key: 'image', width: 'minmax(7rem,1.4fr)', sortable: true, className: 'flex items-center gap-1 font-mono text-xs' },
  { key: 'state', width: 'minmax(6.5rem,1fr)', sortable: true, className: 'flex flex-wrap items-center gap-1' },
  { key: 'stack', width: 'minmax(4.5rem,0.8fr)', sortable: true, className: truncate },
  { key: 'service', width: 'minmax(4.5rem,0.9fr)', sortable: true, className: truncate },
  { key: 'ports', width: 'minmax(5rem,1fr)', className: cn(truncate, 'font-mono text-xs') },
  { key: 'created', width: 'minmax(6rem,0.9fr)', sortable: true, className: cn(truncate, 'text-xs') },
  { key: 'actions', width: '5.5rem' },
];

/** The host is chosen by the page's host picker (in the URL), the one host selector of the list. */
export function ContainersTable({ hostId, manageHosts }: { hostId: string | null; manageHosts: string[] }) {
  const t = useTranslations('containers.table');
  const words = useTranslations('containers');
  const stateWord = (state: string) => (isKnownState(state) ? words(`state.${state}`) : state);
  const { data, error, isPending } = useContainerList(hostId);
  const [filters, setFilters] = useState<ContainerFilters>({});
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  // Typing in a filter stays responsive with many rows: the table follows a moment later.
  const deferred = useDeferredValue(filters);
  const all = useMemo(() => data?.containers ?? [], [data]);
  const rows = useMemo(() => sortContainers(filterContainers(all, deferred), sort), [all, deferred, sort]);
  const choices = useMemo(() => filterChoices(all), [all]);
  // What the reader may change: every container of a host they manage, and each row the server
  // said they may manage on its own (a stack's tasks, a project's containers, their team's).
  const manage = useMemo(() => {
    const hosts = new Set(manageHosts);
    const rows = new Set(data?.manageable ?? []);
    return (row: ContainerRow) => hosts.has(row.hostId) || rows.has(row.id);
  }, [manageHosts, data]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Only the rows shown (and manageable) can be selected and acted on.
  const selectable = useMemo(() => rows.filter(manage), [rows, manage]);
  const chosen = useMemo(() => selectedRows(selectable, selected), [selectable, selected]);
  const mayManageAny = manageHosts.length > 0 || (data?.manageable.length ?? 0) > 0;
  // One host shown: no host column; nothing the reader may change: no boxes to select with.
  const visibleColumns = COLUMNS.filter((c) => !(hostId && c.key === 'host') && !(!mayManageAny && c.key === 'select'));

  if (isPending) return <Waiting what={t('waiting')} />;
  if (!data) return <ReadError what={t('what')} error={error ?? new Error(t('noAnswer'))} />;
  const unread = data.hosts.filter((h) => !h.ok);
  const set = (key: keyof ContainerFilters) => (value: string) => setFilters((f) => ({ ...f, [key]: value || undefined }));

  return (
    <div className="flex flex-col gap-3">
      <WarningList label={t('unreadHosts')} items={unread.map((h) => unreadItem(h.hostId, h.hostName, h.error))} />
      <form role="search" aria-label={t('filters')} className="grid grid-cols-3 gap-3 lg:grid-cols-5" onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('columns.state')} value={filters.state ?? ''} onChange={(e) => set('state')(e.target.value)}>
          <option value="">{t('anyState')}</option>
          {choices.states.map((s) => (
            <option key={s} value={s}>
              {stateWord(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('columns.stack')} value={filters.stack ?? ''} onChange={(e) => set('stack')(e.target.value)}>
          <option value="">{t('anyStack')}</option>
          <option value="-">{t('noStack')}</option>
          {choices.stacks.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField label={t('columns.service')} value={filters.service ?? ''} onChange={(e) => set('service')(e.target.value)} autoComplete="off" />
        <TextField label={t('columns.image')} value={filters.image ?? ''} onChange={(e) => set('image')(e.target.value)} autoComplete="off" />
        <TextField label={t('columns.name')} value={filters.name ?? ''} onChange={(e) => set('name')(e.target.value)} autoComplete="off" />
      </form>
      {/* Mounted while anything is selected or a run's outcome is shown (which outlives its selection). */}
      {mayManageAny && (
        <BulkActionsBar
          selected={chosen}
          onFinished={(done) =>
            setSelected((s) => {
              const next = new Set(s);
              for (const key of done) next.delete(key);
              return next;
            })
          }
        />
      )}
      <p role="status" className="text-sm text-muted">
        {rows.length === all.length ? t('count', { count: all.length }) : t('matching', { shown: rows.length, count: all.length })}
      </p>
      {all.length === 0 ? (
        <EmptyState icon={<Box className="size-8" />} title={t('emptyTitle')}>
          {manageHosts.length
            ? t.rich(hostId ? 'emptyHost' : 'emptyAny', {
                link: (chunks) => (
                  <Link href="/containers/new" className="text-accent underline">
                    {chunks}
                  </Link>
                ),
              })
            : t('emptyViewer')}
        </EmptyState>
      ) : (
        <ContainerRows
          rows={rows}
          columns={visibleColumns}
          sort={sort}
          setSort={setSort}
          manage={manage}
          selection={{
            selected,
            all: selectAllState(selectable, selected),
            toggle: (key) =>
              setSelected((s) => {
                const next = new Set(s);
                if (next.has(key)) next.delete(key);
                else next.add(key);
                return next;
              }),
            toggleAll: () => setSelected((s) => toggleAll(selectable, s)),
          }}
        />
      )}
    </div>
  );
}

type Selection = { selected: ReadonlySet<string>; all: 'all' | 'some' | 'none'; toggle: (key: string) => void; toggleAll: () => void };

function ContainerRows({ rows, columns, sort, setSort, manage, selection }: { rows: ContainerRow[]; columns: Column[]; sort: Sort; setSort: (s: Sort) => void; manage: (row: ContainerRow) => boolean; selection: Selection }) {
  const t = useTranslations('containers.table');
  const headed = columns.map((c) => ({
    ...c,
    heading: c.key === 'select' ? <SelectAllBox selection={selection} disabled={!rows.some(manage)} /> : c.key === 'actions' ? <span className="sr-only">{t('columns.actions')}</span> : t(`columns.${c.key}`),
  }));
  return (
    <VirtualTable<ContainerRow, ColumnKey>
      label={t('label')}
      rows={rows}
      rowKey={(row) => row.key}
      columns={headed}
      sort={sort}
      onSort={(next) => setSort(next as Sort)}
      cell={(row, key) => <Cell column={key} row={row} canManage={manage(row)} selection={selection} />}
    />
  );
}

const links = (row: ContainerRow) => containerLinks(row);

/** The row's update badge, from its host's checks (one request per host, shared by its rows). */
function RowImageUpdate({ row, canManage }: { row: ContainerRow; canManage: boolean }) {
  const { data } = useHostImageUpdates(row.hostId);
  return <ContainerImageUpdate hostId={row.hostId} containerId={row.id} name={row.name} check={data?.[row.id]} canManage={canManage} />;
}

/** A link when the page it names is known; the plain name (or a dash) otherwise. */
function MaybeLink({ href, text }: { href: string | null; text: string | null }) {
  if (!text) return <>—</>;
  return href ? (
    <Link href={href} className="text-accent hover:underline">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}

/** Checked when every shown row is selected, mixed when some are. */
function SelectAllBox({ selection, disabled }: { selection: Selection; disabled: boolean }) {
  const t = useTranslations('containers.bulk');
  return (
    <input
      type="checkbox"
      aria-label={t('selectAll')}
      checked={selection.all === 'all'}
      ref={(el) => {
        if (el) el.indeterminate = selection.all === 'some';
      }}
      onChange={selection.toggleAll}
      disabled={disabled}
      className="size-4"
    />
  );
}

function SelectBox({ row, selection }: { row: ContainerRow; selection: Selection }) {
  const t = useTranslations('containers.bulk');
  return <input type="checkbox" aria-label={t('selectOne', { name: row.name, host: row.hostName })} checked={selection.selected.has(row.key)} onChange={() => selection.toggle(row.key)} className="size-4" />;
}

function Cell({ column, row, canManage, selection }: { column: ColumnKey; row: ContainerRow; canManage: boolean; selection: Selection }) {
  switch (column) {
    case 'select':
      return canManage && <SelectBox row={row} selection={selection} />;
    case 'name':
      return (
        <Link href={`/containers/${row.hostId}/${row.id}`} className="hover:underline" title={row.name}>
          {row.name}
        </Link>
      );
    case 'host':
      return (
        <Link href={links(row).host} className="text-accent hover:underline" title={row.hostName}>
          {row.hostName}
        </Link>
      );
    case 'image':
      // The repository may be cut; the tag stays whole (":latest" and ":v2" must not look the same).
      return (
        <>
          <span className="flex min-w-0" title={row.image}>
            <span className="truncate">{splitImageTag(row.image).repository}</span>
            <span className="shrink-0">{splitImageTag(row.image).tag}</span>
          </span>
          <RowImageUpdate row={row} canManage={canManage} />
        </>
      );
    case 'state':
      return (
        <>
          <StateBadge state={row.state} status={row.status} />
          <HealthBadge health={row.health} />
        </>
      );
    case 'stack':
      return (
        <span title={row.stack ?? undefined}>
          <MaybeLink href={links(row).stack} text={row.stack} />
        </span>
      );
    case 'service':
      return (
        <span title={row.service ?? undefined}>
          <MaybeLink href={links(row).service} text={row.service} />
        </span>
      );
    case 'ports':
      return <span title={row.ports.join(', ')}>{row.ports.join(', ') || '—'}</span>;
    case 'created':
      return row.createdAt ? <RelativeTime iso={row.createdAt} /> : '—';
    case 'actions':
      return canManage && <ContainerActions target={{ hostId: row.hostId, id: row.id, name: row.name, hostName: row.hostName }} state={row.state} service={row.service} quickLinks />;
    default:
      return null;
  }
}
