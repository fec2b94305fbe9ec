'use client';
// The swarm's nodes: sortable by any column, filtered by text and role, with an actions menu per
// node for those who may change them (its dialogs live in NodeDialogs, above this live table).
// Names come from the engines and are shown as text.
import { getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type ColumnFiltersState, type SortingState } from '@tanstack/react-table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { DataTable } from '@/components/ui/data-table.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { formatCpus, labelText } from './format.ts';
import { NodeActions } from './node-actions.tsx';
import { AvailabilityBadge, LabelChips, ManagerStatusBadge, RoleBadge, StateBadge } from './node-badges.tsx';

const MANAGER_ORDER = { leader: 0, reachable: 1, unknown: 2, unreachable: 3 } as const;

function matches(node: NodeView, text: string, hostName: string | undefined): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [node.hostname, node.id, node.address, node.engineVersion, node.role, node.availability, node.state, node.managerStatus ?? '', labelText(node.labels), hostName ?? '']
    .some((value) => value.toLowerCase().includes(needle));
}

export function NodesTable({
  swarmId,
  nodes,
  hostNames,
  canManage,
  tasksUnavailable,
}: {
  swarmId: string;
  nodes: NodeView[];
  hostNames: Map<string, string>;
  canManage: boolean;
  tasksUnavailable: boolean;
}) {
  const t = useTranslations('swarms.nodesTable');
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const role = (columnFilters.find((f) => f.id === 'role')?.value as string | undefined) ?? '';

  const columns = useMemo<ColumnDef<NodeView>[]>(
    () => [
      {
        id: 'hostname',
        accessorKey: 'hostname',
        header: t('hostname'),
        cell: ({ row }) => {
          const node = row.original;
          return (
            <>
              <Link href={`/swarms/${swarmId}/nodes/${node.id}`} className="font-medium hover:underline">
                {node.hostname}
              </Link>
              <div className="font-mono text-xs text-muted" title={t('addressTitle')}>
                {node.address || t('noAddress')}
                {node.engineVersion ? t('engine', { version: node.engineVersion }) : ''}
              </div>
              {node.hostId && (
                <div className="text-xs text-muted">
                  {hostNames.get(node.hostId)
                    ? t.rich('registeredAs', {
                        host: hostNames.get(node.hostId) ?? '',
                        link: (chunks) => (
                          <Link href={`/hosts/${node.hostId}`} className="hover:underline">
                            {chunks}
                          </Link>
                        ),
                      })
                    : t('registeredAsHost')}
                </div>
              )}
            </>
          );
        },
      },
      { id: 'role', accessorKey: 'role', header: t('role'), filterFn: 'equalsString', cell: ({ row }) => <RoleBadge role={row.original.role} /> },
      { id: 'availability', accessorKey: 'availability', header: t('availability'), cell: ({ row }) => <AvailabilityBadge availability={row.original.availability} /> },
      {
        id: 'status',
        accessorKey: 'state',
        header: t('status'),
        cell: ({ row }) => (
          <>
            <StateBadge state={row.original.state} />
            {row.original.stateMessage && <div className="mt-1 max-w-40 text-xs text-muted">{row.original.stateMessage}</div>}
          </>
        ),
      },
      {
        id: 'managerStatus',
        accessorFn: (node) => (node.managerStatus ? MANAGER_ORDER[node.managerStatus] : 9),
        header: t('managerStatus'),
        cell: ({ row }) => <ManagerStatusBadge status={row.original.managerStatus} />,
      },
      // Address and engine version sit under the hostname, CPUs and memory share a column: at
      // 1280×800 the actions stay on screen without scrolling sideways.
      {
        id: 'resources',
        accessorKey: 'memoryBytes',
        header: t('resources'),
        cell: ({ row }) => (
          <span className="text-xs">
            {t('cpus', { cpus: formatCpus(row.original.cpus), count: row.original.cpus })}
            <br />
            <span className="whitespace-nowrap">{formatBytes(row.original.memoryBytes)}</span>
          </span>
        ),
      },
      { id: 'labels', accessorFn: (node) => labelText(node.labels), header: t('labels'), enableSorting: false, cell: ({ row }) => <LabelChips labels={row.original.labels} /> },
      {
        id: 'runningTasks',
        accessorKey: 'runningTasks',
        header: t('runningTasks'),
        cell: ({ row }) => (tasksUnavailable ? <span title={t('noLeader')}>?</span> : row.original.runningTasks),
      },
      ...(canManage
        ? [
            {
              id: 'actions',
              header: () => <span className="sr-only">{t('actions')}</span>,
              enableSorting: false,
              meta: { className: 'text-right' },
              cell: ({ row }) => <NodeActions node={row.original} nodes={nodes} />,
            } satisfies ColumnDef<NodeView>,
          ]
        : []),
    ],
    [swarmId, hostNames, canManage, tasksUnavailable, nodes, t],
  );

  const table = useReactTable({
    data: nodes,
    columns,
    state: { sorting, columnFilters, globalFilter },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: (row, _columnId, value: string) => matches(row.original, value, row.original.hostId ? hostNames.get(row.original.hostId) : undefined),
    getColumnCanGlobalFilter: () => true,
    getRowId: (node) => node.id,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <TextField label={t('filter')} type="search" value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} placeholder={t('filterPlaceholder')} className="w-72" />
        <SelectField
          label={t('showRoles')}
          value={role}
          onChange={(e) => setColumnFilters(e.target.value ? [{ id: 'role', value: e.target.value }] : [])}
          className="w-56"
        >
          <option value="">{t('allRoles')}</option>
          <option value="manager">{t('managersOnly')}</option>
          <option value="worker">{t('workersOnly')}</option>
        </SelectField>
        <p className="pb-2 text-xs text-muted" role="status">
          {rows.length === nodes.length ? t('count', { count: nodes.length }) : t('countFiltered', { shown: rows.length, total: nodes.length })}
        </p>
      </div>
      <DataTable
        table={table}
        caption={t('caption')}
        compact
        rowClassName={(node) => node.state !== 'ready' && 'bg-danger/5'}
        noRows={t('noMatch', { total: nodes.length })}
      />
    </div>
  );
}
