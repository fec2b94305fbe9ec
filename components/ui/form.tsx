'use client';
// Forms that call server actions: they never navigate and leave checking to the server, whose
// messages land on the fields (noValidate); they end with one row of Cancel and the button that
// acts; and in a dialog they stay open while the action runs.
import type { FormEvent, FormHTMLAttributes, ReactNode } from 'react';
import { cn } from '@/lib/ui/cn.ts';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';
import { FormError } from './field.tsx';

export function Form({ onSubmit, className, ...rest }: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: (event: FormEvent<HTMLFormElement>) => unknown }) {
  return (
    <form
      noValidate
      className={cn('flex flex-col gap-4', className)}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(event);
      }}
      {...rest}
    />
  );
}

/** Cancel (not while the action runs), then the button that acts: a submit button, or with `onConfirm` a plain one. */
export function FormActions({
  label,
  onCancel,
  cancelLabel = 'Cancel',
  busy = false,
  danger = false,
  disabled,
  onConfirm,
  focusCancel,
}: {
  label: ReactNode;
  onCancel: () => void;
  cancelLabel?: string;
  busy?: boolean;
  danger?: boolean;
  disabled?: boolean;
  onConfirm?: () => void;
  /** Start on Cancel (a dialog opened only to confirm something drastic). */
  focusCancel?: boolean;
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel} disabled={busy} autoFocus={focusCancel}>
        {cancelLabel}
      </Button>
      <Button type={onConfirm ? 'button' : 'submit'} variant={danger ? 'danger' : 'primary'} busy={busy} disabled={disabled} onClick={onConfirm}>
        {label}
      </Button>
    </div>
  );
}

/** A dialog holding one form: it cannot be closed while busy, and `onClosed` clears what was typed. */
export function FormDialog({
  open,
  onOpenChange,
  onClosed,
  title,
  description,
  busy,
  message,
  label,
  danger,
  disabled,
  onSubmit,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onClosed?: () => void;
  title: string;
  description?: ReactNode;
  busy: boolean;
  /** The form-level error. */
  message?: string | null;
  /** The submit button's text. */
  label: ReactNode;
  danger?: boolean;
  disabled?: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => unknown;
  children: ReactNode;
}) {
  const change = (next: boolean) => {
    if (busy) return;
    if (!next) onClosed?.();
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description}>
      <Form onSubmit={onSubmit}>
        {children}
        <FormError message={message} />
        <FormActions label={label} busy={busy} danger={danger} disabled={disabled} onCancel={() => change(false)} />
      </Form>
    </Dialog>
  );
}
