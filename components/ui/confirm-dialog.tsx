'use client';
// A yes/no confirmation for an action that cannot be taken back lightly; the action's refusal is
// shown in the dialog, which stays open (and cannot be closed) while it runs, until it succeeds
// or is cancelled.
import { useState, type ReactNode } from 'react';
import { Dialog } from './dialog.tsx';
import { FormError } from './field.tsx';
import { FormActions } from './form.tsx';

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  danger,
  busyNote,
  onConfirm,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** The button that closes the dialog without acting (e.g. "Keep running" when the action is itself a cancel). */
  cancelLabel?: string;
  danger?: boolean;
  /** Said while the action runs, when it can take a while. */
  busyNote?: ReactNode;
  /** Returns the error to show, or null when done. */
  onConfirm: () => Promise<string | null>;
  /** What else to weigh before confirming (warnings), above the error. */
  children?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = (next: boolean) => {
    if (busy) return;
    if (!next) setError(null);
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description}>
      <div className="flex flex-col gap-4">
        {children}
        <FormError message={error} />
        {busy && busyNote && (
          <p role="status" className="text-xs text-muted">
            {busyNote}
          </p>
        )}
        <FormActions
          label={confirmLabel}
          cancelLabel={cancelLabel}
          danger={danger}
          busy={busy}
          onCancel={() => change(false)}
          onConfirm={async () => {
            setBusy(true);
            setError(null);
            const failed = await onConfirm().finally(() => setBusy(false));
            if (failed) setError(failed);
            else onOpenChange(false);
          }}
        />
      </div>
    </Dialog>
  );
}
