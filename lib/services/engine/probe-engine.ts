// Connects to an engine and reads its facts within a deadline, or explains why it could not.
// Used to test a connection before a host is saved and by the inventory when a host comes up.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { addressOf, type ConnectionSpec } from '../../models/hosts/connection-spec.ts';
import { toEngineFacts, type EngineFacts } from '../../models/hosts/engine-facts.ts';
import { createEngineClient } from './create-engine-client.ts';
import { EngineApi } from './engine-api.ts';
import { NotAnEngine } from './explain-connection-error.ts';
import { connectionFailure } from './translate-engine-error.ts';
import { withDeadline } from './with-deadline.ts';

export const PROBE_TIMEOUT_MS = 5000;

/** Pings the engine and makes sure the answer comes from Docker. */
export async function pingEngine(api: EngineApi): Promise<void> {
  let answer: string;
  try {
    answer = await api.ping();
  } catch (error) {
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode) throw new NotAnEngine(msg('engineText.probe.pingStatus', { status: String(e.statusCode) }));
    if (e.code?.startsWith('HPE_') || /parse error/i.test(e.message ?? '')) throw new NotAnEngine(msg('engineText.probe.notHttp'));
    throw error;
  }
  if (answer.trim() !== 'OK') throw new NotAnEngine(msg('engineText.probe.pingNotOk'));
}

export async function readEngineFacts(api: EngineApi): Promise<EngineFacts> {
  const [info, version, volumes, networks] = await Promise.all([api.info(), api.version(), api.listVolumes(), api.listNetworks()]);
  return toEngineFacts(info, version, { volumes: volumes.length, networks: networks.length });
}

/** Re-reads only the given parts of an engine's facts. */
export async function readFactsUpdate(api: EngineApi, parts: ReadonlySet<'info' | 'volumes' | 'networks'>): Promise<{ info?: Record<string, unknown>; volumes?: number; networks?: number }> {
  const [info, volumes, networks] = await Promise.all([
    parts.has('info') ? api.info() : undefined,
    parts.has('volumes') ? api.listVolumes().then((v) => v.length) : undefined,
    parts.has('networks') ? api.listNetworks().then((n) => n.length) : undefined,
  ]);
  return { info, volumes, networks };
}

/** Whether an engine answers its ping within `ms` (a driver waiting for the dockerd it started). */
export async function engineAnswers(spec: ConnectionSpec, ms: number): Promise<boolean> {
  const client = createEngineClient(spec);
  try {
    await withDeadline((signal) => pingEngine(new EngineApi(client.docker, signal)), ms);
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

export type ProbeResult = { facts: EngineFacts; sshHostKey: string | null };

/** Throws an AppError (ENGINE_UNREACHABLE) naming the form field at fault when the engine cannot be used.
 * `connectTo` is the judged address to connect to (see createEngineClient). */
export async function probeEngine(spec: ConnectionSpec, timeoutMs = PROBE_TIMEOUT_MS, connectTo?: string): Promise<ProbeResult> {
  const client = createEngineClient(spec, connectTo);
  try {
    const facts = await withDeadline(async (signal) => {
      const api = new EngineApi(client.docker, signal);
      await pingEngine(api);
      return readEngineFacts(api);
    }, timeoutMs);
    return { facts, sshHostKey: client.seenHostKey() };
  } catch (error) {
    throw connectionFailure(error, { transport: spec.transport, address: addressOf(spec) });
  } finally {
    client.close();
  }
}
