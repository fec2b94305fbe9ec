// Every request a registered host's engine is sent through the gateway is observed: timed, its
// outcome written to the log (with the request it was made for, lib/observability) and handed to
// the console's metrics. The operation is the EngineApi method's name, a fixed set, never a path.
import 'server-only';
import { log } from '@/lib/observability/logger.ts';
import { EngineApi } from './engine-api.ts';

export type EngineCallRecord = { hostId: string; operation: EngineOperation; seconds: number; failed: boolean };
export type EngineCallObserver = (record: EngineCallRecord) => void;

/** The gateway's own helpers, which are no requests of their own. */
const HELPERS = new Set(['constructor', 'send', 'stream', 'serviceUpdate', 'create', 'update', 'remove']);

/** Every operation the gateway performs: the public methods of EngineApi. */
export const ENGINE_OPERATIONS: readonly string[] = Object.getOwnPropertyNames(EngineApi.prototype)
  .filter((name) => !HELPERS.has(name) && typeof (EngineApi.prototype as unknown as Record<string, unknown>)[name] === 'function')
  .sort();
export type EngineOperation = string;

const OPERATIONS = new Set(ENGINE_OPERATIONS);
const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as { then?: unknown })?.then === 'function';

/** `api` with each operation timed and reported; the host is a registered host's id. */
export function observeEngineCalls(api: EngineApi, hostId: string, observer: EngineCallObserver | undefined): EngineApi {
  const report = (operation: string, started: number, error: unknown) => {
    const seconds = (performance.now() - started) / 1000;
    const failed = error !== undefined;
    observer?.({ hostId, operation, seconds, failed });
    const fields = { hostId, operation, ms: Math.round(seconds * 1000) };
    const gateway = log('gateway');
    if (failed) gateway.warn({ ...fields, err: error }, 'engine call failed');
    else gateway.debug(fields, 'engine call');
  };
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !OPERATIONS.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        let answer: unknown;
        try {
          answer = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          report(property, started, error ?? new Error('unknown failure'));
          throw error;
        }
        if (!isThenable(answer)) {
          report(property, started, undefined);
          return answer;
        }
        return Promise.resolve(answer).then(
          (result) => {
            report(property, started, undefined);
            return result;
          },
          (error: unknown) => {
            report(property, started, error ?? new Error('unknown failure'));
            throw error;
          },
        );
      };
    },
  });
}
