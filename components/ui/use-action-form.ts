'use client';
// The plumbing every action form shares: a busy flag, errors on the fields the form shows, and
// the rest reported inline (a form-level message) or as a toast.
import { useState } from 'react';
import { toast } from 'sonner';
import type { ErrorPayload, FieldErrors, Result } from '@/lib/errors.ts';

/**
 * Splits an action's error into what the form's own fields can show, and the rest. An error on a
 * part of a field (`labels.zone`, `ports.0.target`) lands on the field when the form shows only
 * the whole (`labels`).
 */
export function errorsForFields(error: ErrorPayload, fields: readonly string[]): FieldErrors {
  const shown: FieldErrors = {};
  for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
    const field = fields.includes(key) ? key : fields.find((f) => key.startsWith(`${f}.`));
    if (field) shown[field] = [...(shown[field] ?? []), ...messages];
  }
  return shown;
}

export function useActionForm(options: { fields: readonly string[]; report: 'inline' | 'toast' }) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  /** Runs the action; returns its data, or undefined after showing why it failed. */
  async function submit<T>(call: () => Promise<Result<T>>): Promise<{ data: T } | undefined> {
    setBusy(true);
    setErrors({});
    setMessage(null);
    const result = await call().finally(() => setBusy(false));
    if (result.ok) return { data: result.data };
    const onFields = errorsForFields(result.error, options.fields);
    setErrors(onFields);
    if (options.report === 'inline') setMessage(result.error.message);
    else if (Object.keys(onFields).length === 0) toast.error(result.error.message);
    return undefined;
  }

  /** Back to a clean form (after closing its dialog). */
  const reset = () => {
    setErrors({});
    setMessage(null);
  };

  return { busy, errors, setErrors, message, submit, reset };
}
