// Why up stops, in sentences: a dependency that failed or is not ready yet, and a container that
// could not start because another one holds its published port.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { AppError, type ErrorCode } from '@/lib/errors.ts';
import { engineMessage, type HostEngine } from '../engine/index.ts';
import type { DependsCondition, ProjectPort } from './read-project.ts';

export type WaitState = { name: string; status: string; exitCode: number; health: string | null };

/** Whether a dependency is ready for its condition, still worth waiting for, or failed (a sentence). */
export function waitVerdict(service: string, condition: DependsCondition, states: readonly WaitState[]): 'ready' | 'waiting' | Message {
  if (states.length === 0) return 'waiting';
  if (condition === 'service_started') return 'ready';
  if (condition === 'service_healthy') {
    const none = states.find((s) => s.health === null);
    if (none) return msg('driverText.up.noHealthcheck', { service, container: none.name });
    const bad = states.find((s) => s.health === 'unhealthy');
    if (bad) return msg('driverText.up.unhealthy', { service, container: bad.name });
    const stopped = states.find((s) => s.status === 'exited' || s.status === 'dead');
    if (stopped) return msg('driverText.up.stoppedBeforeHealthy', { service, container: stopped.name, code: String(stopped.exitCode) });
    return states.every((s) => s.health === 'healthy') ? 'ready' : 'waiting';
  }
  const failed = states.find((s) => (s.status === 'exited' || s.status === 'dead') && s.exitCode !== 0);
  if (failed) return msg('driverText.up.notCompleted', { service, container: failed.name, code: String(failed.exitCode) });
  return states.every((s) => s.status === 'exited') ? 'ready' : 'waiting';
}

/** The host port an engine says is taken, from its start error ("Bind for 0.0.0.0:8080 failed: port is already allocated", "…:8080: bind: address already in use"). */
export function takenPort(message: string): number | null {
  if (!/port is already allocated|address already in use/i.test(message)) return null;
  const match = /:(\d{1,5})(?: failed|: bind)/.exec(message) ?? /:(\d{1,5})\b/.exec(message);
  return match ? Number(match[1]) : null;
}

/** The container publishing a host port, from the engine's container list. */
export function holderOf(containers: readonly { Names?: string[] | null; Ports?: unknown }[], port: number): string | null {
  for (const c of containers) {
    const ports = Array.isArray(c.Ports) ? (c.Ports as { PublicPort?: number }[]) : [];
    if (ports.some((p) => p.PublicPort === port)) return (c.Names?.[0] ?? '').replace(/^\//, '') || null;
  }
  return null;
}

/** A start failure in a sentence: a taken port names the port and who holds it. */
export async function explainStartFailure(engine: HostEngine, error: AppError, o: { container: string; service: string; ports: ProjectPort[] }): Promise<AppError> {
  const message = engineMessage(error.cause) || error.message;
  const port = takenPort(message) ?? (/port is already allocated|address already in use/i.test(message) ? (o.ports.find((p) => p.published)?.published ?? null) : null);
  if (port === null) return new AppError(error.code, msg('driverText.up.startFailed', { container: o.container, service: o.service, host: engine.hostName, detail: message }), { cause: error.cause });
  const holder = await engine.call(msg('engineText.doing.findPortHolder'), (api) => api.listContainers({ all: false })).then((list) => holderOf(list, port)).catch(() => null);
  const names = { port: String(port), host: engine.hostName, service: o.service };
  return new AppError('CONFLICT', holder ? msg('driverText.up.portHeldByContainer', { ...names, holder }) : msg('driverText.up.portHeldOutside', names), { cause: error.cause });
}

/**
 * Why up stopped, and what it left: the containers this up started stay running and are named, so
 * the revision's outcome says what is there; a host that stopped answering is said to be the cause.
 */
export function upFailureMessage(o: { host: string; project: string; code: ErrorCode; message: Message | string; started: string[] }): Message {
  const left = o.started.length ? msg('driverText.up.leftRunning', { started: o.started.join(', ') }) : msg('driverText.up.nothingStarted');
  if (o.code !== 'ENGINE_UNREACHABLE') return msg('driverText.up.failed', { reason: o.message, left });
  return msg('driverText.up.hostStopped', { host: o.host, project: o.project, reason: o.message, left });
}
