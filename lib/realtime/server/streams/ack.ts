// The `{ ok: false, error }` acknowledgement for a failed request: our own messages go to the
// browser as written; anything else is logged and reported generically.
import { isAppError } from '@/lib/errors.ts';

export function failure(error: unknown): { ok: false; error: string } {
  if (isAppError(error)) return { ok: false, error: error.message };
  console.error('[streams] unexpected error', error);
  return { ok: false, error: 'Something went wrong (see the server log).' };
}
