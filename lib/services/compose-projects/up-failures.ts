// Why up stops, in sentences: a dependency that failed or is not ready yet, and a container that
// could not start because another one holds its published port.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { AppError, type ErrorCode } from '@/lib/errors.ts';
import { engineMessage, type HostEngine } from '../engine/index.ts';
import type { DependsCondition, ProjectPort } from './read-project.ts';

export type WaitState = { name: string; status: string; exitCode: number; health: string | null };

/** Whether a dependency is ready for its condition, still worth waiting for, or failed (a sentence). */
export function waitVerdict(service: string, condition: DependsCondition, states: readonly WaitState[]): 'ready' | 'waiting' | string {
  if (states.length === 0) return 'waiting';
  if (condition === 'service_started') return 'ready';
  if (condition === 'service_healthy') {
    const none = states.find((s) => s.health === null);
    if (none) return `Service ${service} has no health check, so it can never become healthy (${none.name}): add a healthcheck, or depend on it with condition service_started.`;
    const bad = states.find((s) => s.health === 'unhealthy');
    if (bad) return `Service ${service} is unhealthy (${bad.name}).`;
    const stopped = states.find((s) => s.status === 'exited' || s.status === 'dead');
    if (stopped) return `Service ${service} stopped before it became healthy (${stopped.name} exited with code ${stopped.exitCode}).`;
    return states.every((s) => s.health === 'healthy') ? 'ready' : 'waiting';
  }
  const failed = states.find((s) => (s.status === 'exited' || s.status === 'dead') && s.exitCode !== 0);
  if (failed) return `Service ${service} did not complete successfully: ${failed.name} exited with code ${failed.exitCode}.`;
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
  if (port === null) return new AppError(error.code, `Container ${o.container} of service ${o.service} could not start on ${engine.hostName}: ${message}`, { cause: error.cause });
  const holder = await engine.call(msg('engineText.doing.findPortHolder'), (api) => api.listContainers({ all: false })).then((list) => holderOf(list, port)).catch(() => null);
  const who = holder ? `container ${holder} holds it` : 'a program outside Docker holds it';
  return new AppError('CONFLICT', `Port ${port} on ${engine.hostName} is already taken: ${who}. Service ${o.service} publishes it; change the published port or stop ${holder ? holder : 'that program'}, then bring the project up again.`, { cause: error.cause });
}

/**
 * Why up stopped, and what it left: the containers this up started stay running and are named, so
 * the revision's outcome says what is there; a host that stopped answering is said to be the cause.
 */
export function upFailureMessage(o: { host: string; project: string; code: ErrorCode; message: string; started: string[] }): string {
  const left = o.started.length ? ` Left running from this up: ${o.started.join(', ')}.` : ' Nothing was started by this up.';
  if (o.code !== 'ENGINE_UNREACHABLE') return `${o.message}${left}`;
  return `${o.host} stopped answering during up of project ${o.project}: ${o.message}${left} Run up again when the host is back; it continues from there.`;
}
