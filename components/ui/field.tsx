// Labelled form controls with hints and errors wired for screen readers (aria-describedby).
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cn } from '@/lib/ui/cn.ts';

const control =
  'w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none aria-[invalid=true]:border-danger';

type FieldProps = { label: string; hint?: ReactNode; error?: string[] | string; className?: string };

function FieldShell({ id, label, hint, error, className, children }: FieldProps & { id: string; children: ReactNode }) {
  const errors = typeof error === 'string' ? [error] : error ?? [];
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !errors.length && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      <ErrorText id={`${id}-error`} error={errors} />
    </div>
  );
}

function describedBy(id: string, props: FieldProps) {
  const hasError = typeof props.error === 'string' ? !!props.error : !!props.error?.length;
  return { 'aria-invalid': hasError || undefined, 'aria-describedby': hasError ? `${id}-error` : props.hint ? `${id}-hint` : undefined };
}

export function TextField({ label, hint, error, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input id={id} className={control} {...describedBy(id, { label, hint, error })} {...input} />
    </FieldShell>
  );
}

export function TextAreaField({ label, hint, error, className, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea id={id} className={cn(control, 'font-mono text-xs')} spellCheck={false} {...describedBy(id, { label, hint, error })} {...input} />
    </FieldShell>
  );
}

export function SelectField({ label, hint, error, className, children, ...input }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} className={control} {...describedBy(id, { label, hint, error })} {...input}>
        {children}
      </select>
    </FieldShell>
  );
}

/** The error of a field or of a group of fields, under it and announced; nothing without one. */
/** A checkbox with its sentence beside it (the whole sentence is the label). */
export function CheckboxField({ label, checked, onChange }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-0.5" />
      <span>{label}</span>
    </label>
  );
}

export function ErrorText({ id, error }: { id?: string; error?: string[] | string | null }) {
  if (!error?.length) return null;
  return (
    <p id={id} role="alert" className="text-xs text-danger">
      {typeof error === 'string' ? error : error.join(' ')}
    </p>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
      {message}
    </div>
  );
}
