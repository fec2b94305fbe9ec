// The table kit's body (after Portainer's datatables: one kit, many lists): a @tanstack/react-table
// instance drawn with the Table primitives — the first column names the row (a row header),
// sortable columns get a button and aria-sort, and a row stands in for an empty (filtered) list.
//
// Cells are called, not mounted: flexRender would mount a column's cell function as a component,
// and columns rebuilt when their inputs change (live data) would then unmount and remount every
// cell — dropping focus, open menus and dialogs inside. So a cell function must not call hooks;
// it renders a component for anything with state.
import type { ColumnDef, HeaderContext, CellContext, RowData, Table as TableInstance } from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn.ts';
import { RowHeader, Table, Td, Tr } from './table.tsx';

declare module '@tanstack/react-table' {
  // Merging into react-table's interface needs its type parameters by name, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes for the column's cells. */
    className?: string;
  }
}

function draw<C>(template: ((context: C) => ReactNode) | ReactNode, context: C): ReactNode {
  return typeof template === 'function' ? (template as (context: C) => ReactNode)(context) : template;
}

const SORT_ICON = { asc: ArrowUp, desc: ArrowDown } as const;

export function DataTable<T>({
  table,
  caption,
  compact = false,
  rowClassName,
  noRows,
  className,
}: {
  table: TableInstance<T>;
  caption: string;
  /** Smaller type and padding, for wide tables. */
  compact?: boolean;
  rowClassName?: (row: T) => string | false | undefined;
  /** What the single row says when no row is left (e.g. after filtering). */
  noRows?: ReactNode;
  className?: string;
}) {
  const headers = table.getFlatHeaders();
  const rows = table.getRowModel().rows;
  const cellClass = compact ? 'px-2 py-2.5' : undefined;
  const columns = headers.map((header) => {
    const label = draw(header.column.columnDef.header as ((c: HeaderContext<T, unknown>) => ReactNode) | ReactNode, header.getContext());
    const sorted = header.column.getIsSorted();
    if (!header.column.getCanSort()) return { label, className: cellClass };
    const Icon = sorted ? SORT_ICON[sorted] : ArrowUpDown;
    return {
      label: (
        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-fg">
          {label}
          <Icon className={cn('size-3', !sorted && 'opacity-40')} aria-hidden />
        </button>
      ),
      className: cellClass,
      sort: sorted === 'asc' ? ('ascending' as const) : sorted === 'desc' ? ('descending' as const) : ('none' as const),
    };
  });
  return (
    <Table caption={caption} columns={columns} className={cn(compact && 'text-xs', className)}>
      {rows.map((row) => (
        <Tr key={row.id} className={cn('align-top', !compact && 'text-sm', rowClassName?.(row.original))}>
          {row.getVisibleCells().map((cell, index) => {
            const Cell = index === 0 ? RowHeader : Td;
            const content = draw(cell.column.columnDef.cell as ((c: CellContext<T, unknown>) => ReactNode) | ReactNode, cell.getContext());
            return (
              <Cell key={cell.id} className={cn(cellClass, cell.column.columnDef.meta?.className)}>
                {content}
              </Cell>
            );
          })}
        </Tr>
      ))}
      {rows.length === 0 && noRows && (
        <tr>
          <td colSpan={headers.length} className="px-3 py-6 text-center text-muted">
            {noRows}
          </td>
        </tr>
      )}
    </Table>
  );
}

/** A column of plain cells: its header, what a row shows in it, and the cells' classes. */
export function column<T>(header: string, cell: (row: T) => ReactNode, className?: string): ColumnDef<T> {
  return { id: header, header, cell: ({ row }) => cell(row.original), enableSorting: false, meta: { className } };
}
