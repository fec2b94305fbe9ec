// How the user-admin forms report a failed action: errors about a field the form shows go on
// that field; anything else (the last-administrator rule, a lost session…) becomes a toast.
import { toast } from 'sonner';
import type { ErrorPayload, FieldErrors } from '@/lib/errors.ts';

/** Returns the errors to show on `fields`; toasts the message when none of them applies. */
export function reportFailure(error: ErrorPayload, fields: readonly string[]): FieldErrors {
  const onFields: FieldErrors = {};
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    if (fields.includes(field)) onFields[field] = messages;
  }
  if (Object.keys(onFields).length === 0) toast.error(error.message);
  return onFields;
}
