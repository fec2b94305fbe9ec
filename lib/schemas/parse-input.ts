// Validates what crosses a door (action arguments, socket messages) against its zod schema; a
// mismatch becomes INVALID_INPUT with the message of each field that failed, never a stack.
import type { z } from 'zod';
import { AppError, type FieldErrors } from '@/lib/errors.ts';

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', 'Some fields need attention.', { fieldErrors: fieldErrorsOf(parsed.error) });
  }
  return parsed.data;
}
