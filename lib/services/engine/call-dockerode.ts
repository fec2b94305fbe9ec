// The one way the gateway calls dockerode. Its methods all take an options object, and the abort
// signal travels in it (supported at runtime, missing from most published types); requests it
// has no method for, or would buffer (log and event streams, /swarm/unlockkey), are dialled on
// its modem with the same signal. Only engine-api.ts uses this.
import 'server-only';

type Json = Record<string, unknown>;
type Modem = { dial(request: Json, callback: (error: Error | null, data: unknown) => void): void };

/** Calls `method` on `target` with `options` (and `leading` arguments before them, for the few
 * methods that take a name first). The options object is always a fresh one: docker-modem
 * deletes `abortSignal` from what it is given, and puts any other key of a GET in the URL. */
export function callMethod<T>(target: object, method: unknown, options: Json, signal: AbortSignal | undefined, leading: unknown[] = []): Promise<T> {
  const withSignal = signal ? { ...options, abortSignal: signal } : { ...options };
  return (method as (this: unknown, ...args: unknown[]) => Promise<T>).call(target, ...leading, withSignal);
}

/** Sends a request through dockerode's modem: `path` ends in "?" when `options` are its query. */
export function dialModem<T>(modem: unknown, request: Json & { path: string; method: 'GET' | 'POST' }, signal: AbortSignal | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    (modem as Modem).dial({ ...request, ...(signal ? { abortSignal: signal } : {}) }, (error, data) => (error ? reject(error) : resolve(data as T)));
  });
}
