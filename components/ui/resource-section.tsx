'use client';
// One list of engine or swarm resources (images, volumes, networks, secrets, configs): a table
// whose first column names the row, an empty state that says what to do, a slot for the create
// button (in the empty state, or above the table once there are rows), and per-row removal behind
// a confirmation. The row being removed is held here, above the rows, so live refreshes of the
// list cannot close its dialog.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import type { Result } from '@/lib/errors.ts';
import { Button } from './button.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { DataTable } from './data-table.tsx';
import { EmptyState } from './empty-state.tsx';

/**
 * Removing a row, in one set of words (common.removal): the row's button is "Remove <noun> <name>",
 * the confirmation "Remove <noun> <name>?" with a "Remove <noun>" button, the toast by default
 * "Removed <noun> <name>". `noun` is already in the page's language.
 */
export type Removal<T, R> = {
  /** "image", "volume", "secret"… */
  noun: string;
  /** The row as the words name it ("data", "data on lab-2"). */
  name: (row: T) => string;
  /** Whether this row may be removed at all (e.g. not the engine's own networks). */
  allowed?: (row: T) => boolean;
  /** What removing it does (or why it will be refused). */
  consequence: (row: T) => ReactNode;
  run: (row: T) => Promise<Result<R>>;
  done?: (row: T, data: R) => string;
  /** What the removal changed. */
  invalidates: QueryKey;
};

export function ResourceSection<T, R = unknown>({
  caption,
  rows,
  rowId,
  columns,
  empty,
  toolbar,
  actions,
  create,
  rowActions,
  remove,
  children,
}: {
  caption: string;
  rows: T[];
  rowId: (row: T) => string;
  columns: ColumnDef<T>[];
  empty: { icon: ReactNode; title: string; text?: ReactNode };
  /** Full width, above everything (a pull form, notices). */
  toolbar?: ReactNode;
  /** Buttons at the right, above the list (prune). */
  actions?: ReactNode;
  /** The create button: the empty state's action, or beside `actions` once there are rows. */
  create?: ReactNode;
  /** Buttons before a row's Remove (Inspect). */
  rowActions?: (row: T) => ReactNode;
  /** Per-row removal; leave out for users who may not remove. */
  remove?: Removal<T, R> | false;
  /** Dialogs the slots open (create, inspect). */
  children?: ReactNode;
}) {
  const removal = useRowRemoval(remove);

  // Rebuilt every render, which is fine: DataTable calls cells rather than mounting them.
  const actionsColumn: ColumnDef<T> = {
    id: 'actions',
    header: () => <span className="sr-only">{removal.actionsColumn}</span>,
    meta: { className: 'whitespace-nowrap text-right' },
    cell: ({ row: { original } }) => (
      <>
        {rowActions?.(original)}
        {removal.button(original)}
      </>
    ),
  };
  const table = useReactTable({ data: rows, columns: rowActions || remove ? [...columns, actionsColumn] : columns, getRowId: rowId, getCoreRowModel: getCoreRowModel() });
  const buttons = (actions || (create && rows.length > 0)) && (
    <div className="flex flex-wrap justify-end gap-2">
      {actions}
      {rows.length > 0 && create}
    </div>
  );

  return (
    <div className="flex flex-col gap-3">
      {toolbar}
      {buttons}
      {rows.length === 0 ? (
        <EmptyState icon={empty.icon} title={empty.title} action={create || undefined}>
          {empty.text}
        </EmptyState>
      ) : (
        <DataTable table={table} caption={caption} />
      )}
      {children}
      {removal.dialog}
    </div>
  );
}

/**
 * A list's per-row removal (for ResourceSection and the virtualized tables): the row's Remove
 * button, and its confirmation, held by the list so live refreshes of the rows cannot close it.
 */
export function useRowRemoval<T, R>(remove: Removal<T, R> | false | undefined) {
  const t = useTranslations('common.removal');
  const [removing, setRemoving] = useState<T | null>(null);
  const queryClient = useQueryClient();
  const button = (row: T) =>
    remove &&
    (remove.allowed?.(row) ?? true) && (
      <Button variant="ghost" size="sm" aria-label={t('button', { noun: remove.noun, name: remove.name(row) })} onClick={() => setRemoving(row)}>
        {t('remove')}
      </Button>
    );
  const dialog = remove && removing && (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && setRemoving(null)}
      title={t('title', { noun: remove.noun, name: remove.name(removing) })}
      description={remove.consequence(removing)}
      confirmLabel={t('confirm', { noun: remove.noun })}
      danger
      onConfirm={async () => {
        const result = await remove.run(removing);
        if (!result.ok) return result.error.message;
        toast.success(remove.done ? remove.done(removing, result.data) : t('done', { noun: remove.noun, name: remove.name(removing) }));
        await queryClient.invalidateQueries({ queryKey: remove.invalidates });
        return null;
      }}
    />
  );
  return { button, dialog, actionsColumn: t('actionsColumn') };
}
