'use client';
// Forms that call server actions: they never navigate and leave checking to the server, whose
// messages land on the fields (noValidate); they end with one row of Cancel and the button that
// acts; and in a dialog they stay open while the action runs.
import { useTranslations } from 'next-intl';
import type { FormEvent, FormHTMLAttributes, ReactNode } from 'react';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';
import { FormError } from './field.tsx';

/** The text entered under each of `names` in a submitted form ('' for a name it does not hold). */
export function formText<K extends string>(form: FormData, ...names: K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')])) as Record<K, string>;
}

/** A column of fields unless `className` lays it out otherwise. */
export function Form({ onSubmit, className, ...rest }: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: (event: FormEvent<HTMLFormElement>) => unknown }) {
  return (
    <form
      noValidate
      className={className ?? 'flex flex-col gap-4'}
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
  cancelLabel,
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
  const t = useTranslations('common.actions');
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel} disabled={busy} autoFocus={focusCancel}>
        {cancelLabel ?? t('cancel')}
      </Button>
      <Button type={onConfirm ? 'button' : 'submit'} variant={danger ? 'danger' : 'primary'} busy={busy} disabled={disabled} onClick={onConfirm}>
        {label}
      </Button>
    </div>
  );
}

/**
 * A dialog holding one action form (useActionForm): it cannot be closed while the action runs, and
 * closing it clears the form's errors and, through `onClosed`, what was typed.
 */
export function FormDialog({
  open,
  onOpenChange,
  onClosed,
  title,
  description,
  form,
  message = form.message,
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
  form: { busy: boolean; message: string | null; reset: () => void };
  /** The form-level error, when not the form's own message (e.g. none while a field shows it). */
  message?: string | null;
  /** The submit button's text. */
  label: ReactNode;
  danger?: boolean;
  disabled?: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => unknown;
  children: ReactNode;
}) {
  const change = (next: boolean) => {
    if (form.busy) return;
    if (!next) {
      form.reset();
      onClosed?.();
    }
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description}>
      <Form onSubmit={onSubmit}>
        {children}
        <FormError message={message} />
        <FormActions label={label} busy={form.busy} danger={danger} disabled={disabled} onCancel={() => change(false)} />
      </Form>
    </Dialog>
  );
}
