// Validates what crosses a door (action arguments, socket messages) against its zod schema; a
// mismatch becomes INVALID_INPUT with the message of each field that failed, never a stack.
// Schemas say their own messages as catalogue keys (issueText); zod's built-in checks are said
// here, in the catalogue's words (errors.input.*), so the door renders both in the user's language.
import type { z } from 'zod';
import { AppError, type FieldErrors } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

type RawIssue = z.core.$ZodRawIssue;

/** Zod's own issues (those a schema gave no message for) as catalogue messages. */
export function builtInIssueText(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? issueText('errors.input.required') : issueText('errors.input.wrongType', { expected: String(issue.expected) });
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? issueText('errors.input.required') : issueText('errors.input.tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return issueText('errors.input.tooFewItems', { min });
      return issueText('errors.input.tooSmall', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return issueText('errors.input.tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return issueText('errors.input.tooManyItems', { max });
      return issueText('errors.input.tooBig', { max });
    }
    case 'invalid_value':
      return issueText('errors.input.notOneOf', { choices: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return issueText('errors.input.unknownField', { name: issue.keys.join(', ') });
    default:
      return issueText('errors.input.invalid');
  }
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw, { error: builtInIssueText });
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', msg('errors.fieldsNeedAttention'), { fieldErrors: fieldErrorsOf(parsed.error) });
  }
  return parsed.data;
}
