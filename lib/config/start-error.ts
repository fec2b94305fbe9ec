// A failure to start (the console, its Postgres, the test run) that the user can act on: its
// message is one sentence saying what went wrong and what to do. The entry points print that
// sentence alone, never a stack trace; anything else is put into such a sentence too.
import 'server-only';

export class StartError extends Error {
  constructor(sentence: string, options: { cause?: unknown } = {}) {
    super(sentence, options);
    this.name = 'StartError';
  }
}

/** The first line of an error's message, without a trailing full stop (to be quoted in a sentence). */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  return line.trim().replace(/[.:;]+$/, '');
}

/** One sentence for any start failure: a StartError's own, or a generic one naming the cause. */
export function startFailureSentence(error: unknown, what = 'Wharf'): string {
  if (error instanceof StartError) return error.message;
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code === 'EADDRINUSE' && e.syscall === 'listen') {
    return `${what} could not listen on port ${e.port ?? '(unknown)'}: another program uses it; stop that program or set PORT to a free port, and start again.`;
  }
  if (e?.code === 'EACCES' && e.syscall === 'listen') {
    return `${what} may not listen on port ${e.port ?? '(unknown)'}: ports below 1024 need root; set PORT to a port above 1024, and start again.`;
  }
  return `${what} could not start (${firstLine(error)}); fix that and start again.`;
}
