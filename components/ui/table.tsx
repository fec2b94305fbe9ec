// Table primitives shared by every list: a bordered, scrollable table with a screen-reader
// caption, column headers with scope (and aria-sort when sortable), and rows and cells with the
// console's spacing.
import type { AriaAttributes, HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from '@/lib/ui/cn.ts';

export type Column = { label: ReactNode; className?: string; sort?: AriaAttributes['aria-sort'] };

export function Table({ caption, columns, children, className }: { caption: string; columns: Column[]; children: ReactNode; className?: string }) {
  return (
    <div className={cn('overflow-x-auto rounded-lg border border-border bg-surface', className)}>
      <table className="w-full text-left">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border text-xs uppercase text-muted">
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" aria-sort={column.sort} className={cn('px-3 py-2 font-medium', column.className)}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('border-b border-border last:border-0 hover:bg-surface-2', className)} {...props} />;
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-3 py-3', className)} {...props} />;
}

/** The cell that names the row (read first by screen readers). */
export function RowHeader({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="row" className={cn('px-3 py-3 text-left font-normal', className)} {...props} />;
}

/** A list of names, or a muted word when there is none ("nothing", "none"). */
export function NamesOrNone({ names, none = 'nothing' }: { names: readonly string[]; none?: string }) {
  return names.length ? <>{names.join(', ')}</> : <span className="text-muted">{none}</span>;
}
