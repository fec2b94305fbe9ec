'use client';
// The swarm's nodes: sortable by any column, filtered by text and role, with an actions menu per
// node for those who may change them (its dialogs live in NodeDialogs, above this live table).
// Names come from the engines and are shown as text.
import { getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type ColumnFiltersState, type SortingState } from '@tanstack/react-table';
import Link from 'next/link';
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
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const role = (columnFilters.find((f) => f.id === 'role')?.value as string | undefined) ?? '';

  const columns = useMemo<ColumnDef<NodeView>[]>(
    () => [
      {
        id: 'hostname',
        accessorKey: 'hostname',
        header: 'Hostname',
        cell: ({ row }) => {
          const node = row.original;
          return (
            <>
              <Link href={`/swarms/${swarmId}/nodes/${node.id}`} className="font-medium hover:underline">
                {node.hostname}
              </Link>
              <div className="font-mono text-xs text-muted" title="Address and engine version">
                {node.address || 'no address'}
                {node.engineVersion ? ` · engine ${node.engineVersion}` : ''}
              </div>
              {node.hostId && (
                <div className="text-xs text-muted">
                  registered as{' '}
                  {hostNames.get(node.hostId) ? (
                    <Link href={`/hosts/${node.hostId}`} className="hover:underline">
                      {hostNames.get(node.hostId)}
                    </Link>
                  ) : (
                    'a Wharf host'
                  )}
                </div>
              )}
            </>
          );
        },
      },
      { id: 'role', accessorKey: 'role', header: 'Role', filterFn: 'equalsString', cell: ({ row }) => <RoleBadge role={row.original.role} /> },
      { id: 'availability', accessorKey: 'availability', header: 'Availability', cell: ({ row }) => <AvailabilityBadge availability={row.original.availability} /> },
      {
        id: 'status',
        accessorKey: 'state',
        header: 'Status',
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
        header: 'Manager status',
        cell: ({ row }) => <ManagerStatusBadge status={row.original.managerStatus} />,
      },
      // Address and engine version sit under the hostname, CPUs and memory share a column: at
      // 1280×800 the actions stay on screen without scrolling sideways.
      {
        id: 'resources',
        accessorKey: 'memoryBytes',
        header: 'Resources',
        cell: ({ row }) => (
          <span className="text-xs">
            {formatCpus(row.original.cpus)} CPU{row.original.cpus === 1 ? '' : 's'}
            <br />
            <span className="whitespace-nowrap">{formatBytes(row.original.memoryBytes)}</span>
          </span>
        ),
      },
      { id: 'labels', accessorFn: (node) => labelText(node.labels), header: 'Labels', enableSorting: false, cell: ({ row }) => <LabelChips labels={row.original.labels} /> },
      {
        id: 'runningTasks',
        accessorKey: 'runningTasks',
        header: 'Running tasks',
        cell: ({ row }) => (tasksUnavailable ? <span title="The swarm has no leader to list tasks">?</span> : row.original.runningTasks),
      },
      ...(canManage
        ? [
            {
              id: 'actions',
              header: () => <span className="sr-only">Actions</span>,
              enableSorting: false,
              meta: { className: 'text-right' },
              cell: ({ row }) => <NodeActions node={row.original} nodes={nodes} />,
            } satisfies ColumnDef<NodeView>,
          ]
        : []),
    ],
    [swarmId, hostNames, canManage, tasksUnavailable, nodes],
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
        <TextField label="Filter nodes" type="search" value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} placeholder="Hostname, address, label…" className="w-72" />
        <SelectField
          label="Show roles"
          value={role}
          onChange={(e) => setColumnFilters(e.target.value ? [{ id: 'role', value: e.target.value }] : [])}
          className="w-56"
        >
          <option value="">Managers and workers</option>
          <option value="manager">Managers only</option>
          <option value="worker">Workers only</option>
        </SelectField>
        <p className="pb-2 text-xs text-muted" role="status">
          {rows.length === nodes.length ? `${nodes.length} nodes` : `${rows.length} of ${nodes.length} nodes`}
        </p>
      </div>
      <DataTable
        table={table}
        caption="Nodes"
        compact
        rowClassName={(node) => node.state !== 'ready' && 'bg-danger/5'}
        noRows={`No node matches the filter. Clear it to see all ${nodes.length} nodes.`}
      />
    </div>
  );
}
