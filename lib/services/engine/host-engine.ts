// One host's engine for services: the gateway's facade (EngineApi), a call helper that applies
// a deadline, and every failure translated into an AppError naming the host and what was being done.
import 'server-only';
import type { AppError } from '@/lib/errors.ts';
import { addressOf } from '../../models/hosts/connection-spec.ts';
import type { ServiceDeps } from '../deps.ts';
import { EngineApi } from './engine-api.ts';
import { observeEngineCalls } from './observe-engine-calls.ts';
import { translateEngineError, type Doing, type EngineAddress, type EngineCall } from './translate-engine-error.ts';
import { withDeadline } from './with-deadline.ts';

/** Reads get this long; a host that does not answer is reported instead of holding the page. */
export const ENGINE_CALL_MS = 10_000;

export type EngineCallOptions = {
  /** The deadline for an answer (a stream opened in time keeps flowing). */
  ms?: number;
  /** The caller's own end (a closed socket): aborts the call, and any stream it opened. */
  signal?: AbortSignal;
  /** A swarm request: swarm errors are explained, naming these. */
  swarm?: EngineCall['swarm'];
};

export type HostEngine = {
  hostId: string;
  hostName: string;
  where: EngineAddress;
  /** Runs `work` within `options.ms` (10 s by default); a failure becomes an AppError that says
   * it could not `doing` on this host, and why. */
  call<T>(doing: Doing, work: (api: EngineApi) => Promise<T>, options?: EngineCallOptions): Promise<T>;
  /** The API bound to `signal` alone, for work that sets its own limits (a terminal session). */
  api(signal?: AbortSignal): EngineApi;
  /** The translation `call` applies, for failures caught to decide something first. */
  fail(error: unknown, doing: Doing, swarm?: EngineCall['swarm']): AppError;
};

export async function hostEngine(deps: Pick<ServiceDeps, 'engines'>, hostId: string): Promise<HostEngine> {
  const client = await deps.engines.get(hostId);
  const where = { transport: client.spec.transport, address: addressOf(client.spec) };
  const api = (signal?: AbortSignal) => observeEngineCalls(new EngineApi(client.docker, signal), hostId, deps.engines.observer);
  const fail = (error: unknown, doing: Doing, swarm?: EngineCall['swarm']) => translateEngineError(error, { doing, host: client.hostName, where, swarm });
  return {
    hostId,
    hostName: client.hostName,
    where,
    api,
    fail,
    call: (doing, work, options = {}) =>
      withDeadline((signal) => work(api(signal)), options.ms ?? ENGINE_CALL_MS, options.signal).catch((error: unknown) => {
        throw fail(error, doing, options.swarm);
      }),
  };
}
