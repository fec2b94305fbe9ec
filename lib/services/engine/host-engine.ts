// One host's engine for the container services, and the engine's failures turned into messages
// that say what happened and what to do.
import type Dockerode from 'dockerode';
import { AppError } from '@/lib/errors.ts';
import { connectionError, withDeadline } from '@/lib/services/engine/probe-engine.ts';
import type { ServiceDeps } from '../deps.ts';

export type HostEngine = { hostId: string; hostName: string; docker: Dockerode; fail: (error: unknown, doing: string) => AppError; within: <T>(work: (signal: AbortSignal) => Promise<T>, ms?: number) => Promise<T> };

/** Reads get this long; a host that does not answer is reported instead of holding the page. */
export const ENGINE_CALL_MS = 10_000;

type EngineErrorLike = { statusCode?: number; json?: { message?: string } | null; reason?: string; message?: string };

/** The engine's own words for an HTTP error (it explains conflicts and missing objects well). */
export function engineMessage(error: unknown): string {
  const e = (error ?? {}) as EngineErrorLike;
  if (e.json && typeof e.json === 'object' && typeof e.json.message === 'string' && e.json.message) return e.json.message.slice(0, 300);
  // Some answers (pulls) carry no JSON body: docker-modem puts the engine's text after the reason.
  const fromMessage = typeof e.message === 'string' ? /\(HTTP code \d+\)[^-]*- ([\s\S]+)$/.exec(e.message)?.[1]?.trim() : undefined;
  return (fromMessage || (typeof e.reason === 'string' ? e.reason : '')).slice(0, 300);
}

export async function hostEngine(deps: Pick<ServiceDeps, 'engines'>, hostId: string): Promise<HostEngine> {
  const client = await deps.engines.get(hostId);
  const fail = (error: unknown, doing: string): AppError => {
    if (error instanceof AppError) return error;
    const status = (error as EngineErrorLike | null)?.statusCode;
    if (status === 404) return new AppError('NOT_FOUND', `Could not ${doing} on ${client.hostName}: ${engineMessage(error) || 'it does not exist (any more)'}.`, { cause: error });
    if (status === 409) return new AppError('CONFLICT', `Could not ${doing} on ${client.hostName}: ${engineMessage(error) || 'the engine reports a conflict'}.`, { cause: error });
    if (status && status >= 400) return new AppError('ENGINE_ERROR', `The engine of ${client.hostName} refused to ${doing}: ${engineMessage(error) || `HTTP ${status}`}.`, { cause: error });
    return new AppError('ENGINE_UNREACHABLE', `Could not ${doing} on ${client.hostName}: ${connectionError(error, client.spec).problem.message}`, { cause: error });
  };
  return { hostId, hostName: client.hostName, docker: client.docker, fail, within: (work, ms = ENGINE_CALL_MS) => withDeadline(work, ms) };
}

type Json = Record<string, unknown>;
/** dockerode's methods take an options object with abortSignal but are typed per method; call them uniformly. */
export const call = <T>(target: unknown, method: unknown, options: Json = {}): Promise<T> => (method as (this: unknown, o: Json) => Promise<T>).call(target, options);
