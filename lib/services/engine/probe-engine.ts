// Connects to an engine and reads its facts within a deadline, or explains why it could not.
// Used to test a connection before a host is saved and by the inventory when a host comes up.
import { setMaxListeners } from 'node:events';
import type Dockerode from 'dockerode';
import * as api from './engine-api.ts';
import { AppError } from '@/lib/errors.ts';
import { addressOf, type ConnectionSpec } from '../../models/hosts/connection-spec.ts';
import { createEngineClient } from './create-engine-client.ts';
import { toEngineFacts, type EngineFacts } from '../../models/hosts/engine-facts.ts';
import { EngineTimeout, explainConnectionError, NotAnEngine, type ConnectionProblem } from './explain-connection-error.ts';

export const PROBE_TIMEOUT_MS = 5000;

/** Rejects with EngineTimeout when `work` takes longer than `ms`, whatever the transport does. */
export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  // One call may send many requests under this signal (a list per node, say): each listens for the abort.
  setMaxListeners(0, controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new EngineTimeout(ms));
    }, ms);
  });
  return Promise.race([work(controller.signal), deadline]).finally(() => clearTimeout(timer));
}

/** Pings the engine and makes sure the answer comes from Docker. */
export async function pingEngine(docker: Dockerode, signal: AbortSignal): Promise<void> {
  let answer: unknown;
  try {
    answer = await api.ping(docker, signal);
  } catch (error) {
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode) throw new NotAnEngine(`GET /_ping answered HTTP ${e.statusCode}`);
    if (e.code?.startsWith('HPE_') || /parse error/i.test(e.message ?? '')) throw new NotAnEngine('it does not speak HTTP');
    throw error;
  }
  const text = Buffer.isBuffer(answer) ? answer.toString('utf8') : String(answer);
  if (text.trim() !== 'OK') throw new NotAnEngine('GET /_ping did not answer OK');
}

export async function readEngineFacts(docker: Dockerode, signal: AbortSignal): Promise<EngineFacts> {
  const [info, version, volumes, networks] = await Promise.all([
    api.info(docker, signal),
    api.version(docker, signal),
    api.listVolumes(docker, signal),
    api.listNetworks(docker, signal),
  ]);
  return toEngineFacts(info, version, { volumes: volumes?.Volumes?.length ?? 0, networks: networks.length });
}

/** Re-reads only the given parts of an engine's facts. */
export async function readFactsUpdate(
  docker: Dockerode,
  parts: ReadonlySet<'info' | 'volumes' | 'networks'>,
  signal: AbortSignal,
): Promise<{ info?: Record<string, unknown>; volumes?: number; networks?: number }> {
  const [info, volumes, networks] = await Promise.all([
    parts.has('info') ? api.info(docker, signal) : undefined,
    parts.has('volumes') ? api.listVolumes(docker, signal).then((v) => v?.Volumes?.length ?? 0) : undefined,
    parts.has('networks') ? api.listNetworks(docker, signal).then((n) => n.length) : undefined,
  ]);
  return { info, volumes, networks };
}

export function connectionError(error: unknown, spec: ConnectionSpec): { problem: ConnectionProblem; appError: AppError } {
  const problem = explainConnectionError(error, { transport: spec.transport, address: addressOf(spec) });
  const appError = new AppError('ENGINE_UNREACHABLE', problem.message, {
    fieldErrors: problem.field ? { [problem.field]: [problem.message] } : undefined,
    cause: error,
  });
  return { problem, appError };
}

export type ProbeResult = { facts: EngineFacts; sshHostKey: string | null };

export async function probeEngine(spec: ConnectionSpec, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const client = createEngineClient(spec);
  try {
    const facts = await withDeadline(async (signal) => {
      await pingEngine(client.docker, signal);
      return readEngineFacts(client.docker, signal);
    }, timeoutMs);
    return { facts, sshHostKey: client.seenHostKey() };
  } catch (error) {
    throw connectionError(error, spec).appError;
  } finally {
    client.close();
  }
}
