// One error type for failures the user should see, carried unchanged from services to the
// browser. Anything else is unexpected: logged on the server, shown as a generic message.

import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from './database-unavailable.ts';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_INPUT'
  | 'RATE_LIMITED'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_ERROR'
  | 'PRECONDITION'
  | 'INTERNAL';

const statusByCode: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 400,
  RATE_LIMITED: 429,
  ENGINE_UNREACHABLE: 502,
  ENGINE_ERROR: 502,
  PRECONDITION: 412,
  INTERNAL: 500,
};

export type FieldErrors = Record<string, string[]>;

/** A problem located in a document the user wrote (a compose file): shown inline in the editor. */
export type DocumentProblem = { message: string; severity: 'error' | 'warning'; path?: string; line?: number; column?: number };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  readonly problems: DocumentProblem[] | undefined;

  constructor(code: ErrorCode, userMessage: string, options: { fieldErrors?: FieldErrors; problems?: DocumentProblem[]; cause?: unknown } = {}) {
    super(userMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.problems = options.problems;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** What crosses the wire to the browser: never a stack, never an unexpected message. */
export type ErrorPayload = { code: ErrorCode; message: string; fieldErrors?: FieldErrors; problems?: DocumentProblem[] };

export function toErrorPayload(error: unknown): ErrorPayload {
  if (isAppError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      ...(error.problems ? { problems: error.problems } : {}),
    };
  }
  if (isDatabaseUnavailable(error)) return { code: 'INTERNAL', message: DATABASE_UNAVAILABLE };
  return { code: 'INTERNAL', message: 'Something went wrong on the server. The details are in the server log.' };
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

/** Runs a door's work and turns its outcome into a Result: expected errors as they are,
 * unexpected ones logged (with `door` naming where) and reported generically. */
export async function settle<R>(door: string, work: () => Promise<R>): Promise<Result<R>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (!isAppError(error)) console.error(`[${door}] unexpected error`, error);
    return { ok: false, error: toErrorPayload(error) };
  }
}
