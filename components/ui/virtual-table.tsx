'use client';
// The table kit's virtualized body, for lists that may hold thousands of rows across hosts
// (containers, images, volumes, networks): a grid of ARIA table roles (a table for screen readers
// and tests), sortable headers with aria-sort, and only the rows in view rendered
// (@tanstack/react-virtual). Each list says its columns and what a cell shows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useRef, type ReactNode } from 'react';
import { cn } from '@/lib/ui/cn.ts';

export type VirtualColumn<K extends string> = {
  key: K;
  /** A CSS grid track: '2.25rem', 'minmax(8rem,1.5fr)'. */
  width: string;
  /** The header's content (left out for the select box and the actions column's hidden word). */
  heading: ReactNode;
  sortable?: boolean;
  /** The row's header cell (the column that names the row). */
  rowHeader?: boolean;
  /** Classes for the column's cells. */
  className?: string;
};

export type VirtualSort<K extends string> = { key: K; dir: 'asc' | 'desc' };

const ROW_HEIGHT = 52;

export function VirtualTable<T, K extends string>({
  label,
  rows,
  rowKey,
  columns,
  cell,
  sort,
  onSort,
  rowHeight = ROW_HEIGHT,
}: {
  label: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly VirtualColumn<K>[];
  /** What a row shows in a column (the column's cell element is the table's). */
  cell: (row: T, key: K) => ReactNode;
  sort: VirtualSort<K>;
  onSort: (sort: VirtualSort<K>) => void;
  rowHeight?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12, getItemKey: (i) => rowKey(rows[i]) });
  const template = columns.map((c) => c.width).join(' ');
  return (
    <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className="overflow-hidden rounded-lg border border-border bg-surface text-sm">
      <div role="rowgroup" className="border-b border-border">
        <div role="row" aria-rowindex={1} className="grid items-center text-xs uppercase text-muted" style={{ gridTemplateColumns: template }}>
          {columns.map((c) => {
            const active = sort.key === c.key;
            return (
              <div key={c.key} role="columnheader" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined} className="px-3 py-2 font-medium">
                {c.sortable ? (
                  <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-fg" onClick={() => onSort({ key: c.key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
                    {c.heading}
                    {active && (sort.dir === 'asc' ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden />)}
                  </button>
                ) : (
                  c.heading
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scroller} className="max-h-[max(18rem,calc(100vh-24rem))] overflow-y-auto">
        <div role="rowgroup" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="absolute left-0 top-0 grid w-full items-center border-b border-border hover:bg-surface-2"
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                {columns.map((c) => (
                  <div key={c.key} role={c.rowHeader ? 'rowheader' : 'cell'} className={cn('min-w-0 px-3', c.className)}>
                    {cell(row, c.key)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
