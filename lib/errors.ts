// One error type for failures the user should see, carried unchanged from services to the
// browser. Anything else is unexpected: logged on the server, shown as a generic message.

import { isDatabaseUnavailable } from './database-unavailable.ts';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales.ts';
import { messageOfIssue, msg, type Message } from './i18n/message.ts';
import { renderMessage } from './i18n/render-message.ts';

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

/** A problem located in a document the user wrote (a compose file), as the browser gets it: shown inline in the editor. */
export type DocumentProblem = { message: string; severity: 'error' | 'warning'; path?: string; line?: number; column?: number };

/** The same problem as a service says it: `said` in no language yet, rendered by the door that
 * answers (spokenProblem), with its place (path, line, column) kept. */
export type SaidProblem = Omit<DocumentProblem, 'message'> & { said: Message };

/** A problem for the door to answer: said as a message, or (not yet converted) as text. */
export type ServiceProblem = SaidProblem | DocumentProblem;

/** A problem as the browser gets it, in `locale`: its message rendered, or its text localized (issueText). */
export function spokenProblem(problem: ServiceProblem, locale: Locale): DocumentProblem {
  if ('said' in problem) {
    const { said, ...place } = problem;
    return { message: renderMessage(said, locale), ...place };
  }
  return { ...problem, message: localizeText(problem.message, locale) };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** What to tell the user, in no language yet (null for a message written as English text). */
  readonly said: Message | null;
  readonly fieldErrors: FieldErrors | undefined;
  readonly problems: ServiceProblem[] | undefined;

  /** `userMessage`: a catalogue message (`msg('errors.notFound')`), rendered in the requester's
   * language by the door; `message` keeps its English text for logs. */
  constructor(code: ErrorCode, userMessage: string | Message, options: { fieldErrors?: FieldErrors; problems?: ServiceProblem[]; cause?: unknown } = {}) {
    super(typeof userMessage === 'string' ? userMessage : renderMessage(userMessage, DEFAULT_LOCALE), { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.said = typeof userMessage === 'string' ? null : userMessage;
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

/** A field's or a problem's text in `locale`: a message carried in it (issueText) rendered, plain text as it is. */
export function localizeText(text: string, locale: Locale): string {
  const carried = messageOfIssue(text);
  return carried ? renderMessage(carried, locale) : text;
}

function localizeFields(fields: FieldErrors, locale: Locale): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([field, texts]) => [field, texts.map((text) => localizeText(text, locale))]));
}

/** The payload for the browser, in the requester's language. */
export function toErrorPayload(error: unknown, locale: Locale = DEFAULT_LOCALE): ErrorPayload {
  if (isAppError(error)) {
    return {
      code: error.code,
      message: error.said ? renderMessage(error.said, locale) : error.message,
      ...(error.fieldErrors ? { fieldErrors: localizeFields(error.fieldErrors, locale) } : {}),
      ...(error.problems ? { problems: error.problems.map((problem) => spokenProblem(problem, locale)) } : {}),
    };
  }
  if (isDatabaseUnavailable(error)) return { code: 'INTERNAL', message: renderMessage(msg('errors.databaseUnavailable'), locale) };
  return { code: 'INTERNAL', message: renderMessage(msg('errors.unexpected'), locale) };
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

/** Runs a door's work and turns its outcome into a Result: expected errors as they are (in the
 * requester's language, asked of `localeOf` only on failure), unexpected ones logged (with `door`
 * naming where) and reported generically. */
export async function settle<R>(
  door: string,
  work: () => Promise<R>,
  localeOf: () => Locale | Promise<Locale> = () => DEFAULT_LOCALE,
  reportUnexpected: (error: unknown) => void = (error) => console.error(`[${door}] unexpected error`, error),
): Promise<Result<R>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (!isAppError(error)) reportUnexpected(error);
    let locale: Locale = DEFAULT_LOCALE;
    try {
      locale = await localeOf();
    } catch {
      // The language could not be read (a request torn down): English.
    }
    return { ok: false, error: toErrorPayload(error, locale) };
  }
}
