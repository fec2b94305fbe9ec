// The one deadline for engine work: whatever the transport does (a TCP connect that never
// completes, an SSH channel that stalls, a leader election), the caller gets an answer in time.
import 'server-only';
import { setMaxListeners } from 'node:events';
import { EngineTimeout } from './explain-connection-error.ts';

/** Runs `work` with a signal that aborts when `ms` have passed (the call then rejects with
 * EngineTimeout) or whenever `outer` aborts (the caller's own end: a closed socket). The deadline
 * covers the wait for an answer only: a stream opened in time keeps flowing until `outer` ends it. */
export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([controller.signal, outer]) : controller.signal;
  // One call may send many requests under this signal (a list per node, say): each listens for the abort.
  setMaxListeners(0, signal);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Settled before the abort, so the race ends with the timeout, not with what the aborted work throws.
      const timeout = new EngineTimeout(ms);
      reject(timeout);
      controller.abort(timeout);
    }, ms);
  });
  return Promise.race([work(signal), deadline]).finally(() => clearTimeout(timer));
}
