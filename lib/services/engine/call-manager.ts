// Every swarm call goes through here: it picks a manager of the swarm among the registered
// hosts (the one that answered last first), fails over to the next when one does not answer,
// and says so. Writes first check quorum from the node list (which managers serve locally even
// without a leader), so a swarm that lost quorum is refused at once instead of hanging 20 s.
import type Dockerode from 'dockerode';
import { AppError } from '@/lib/errors.ts';
import { withDeadline } from '@/lib/services/engine/probe-engine.ts';
import { explainConnectionError, EngineTimeout } from '@/lib/services/engine/explain-connection-error.ts';
import { addressOf } from '@/lib/models/hosts/connection-spec.ts';
import { listNodes, type RawNode } from '@/lib/services/engine/swarm-api.ts';
import type { HostClient } from '@/lib/services/engine/engine-clients.ts';
import type { ServiceDeps } from '../deps.ts';
import { explainSwarmError } from './explain-swarm-error.ts';
import { quorumOf, type QuorumState } from '../../models/swarms/quorum.ts';
import { managerHosts } from '../swarms/swarm-members.ts';

/** A read is sent to the next manager too when the current one has not answered by then. */
export const HEDGE_AFTER_MS = 1500;
/** All the time a read may take, across managers (an election can stall one for ~15 s). */
export const READ_BUDGET_MS = 20_000;
/** A write may wait out a leader election (~15 s seen on the lab) before it can be applied. */
export const WRITE_DEADLINE_MS = 25_000;

export type ManagerCall<T> = { value: T; via: { hostId: string; hostName: string }; failedOver: { from: string; reason: string }[] };

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

/** Whether another manager may be tried: always when this one could not be reached (nothing was
 * sent) or is no manager; after a timeout or a dropped connection only for reads, because a
 * write may have been applied. */
function mayTryAnother(error: unknown, write: boolean): boolean {
  const e = error as { code?: string; json?: { message?: string }; message?: string };
  if (['ECONNREFUSED', 'ENOENT', 'EHOSTUNREACH', 'ENETUNREACH', 'EACCES'].includes(e?.code ?? '')) return true;
  const message = `${e?.json?.message ?? ''} ${e?.message ?? ''}`;
  if (/not a swarm manager|not part of a swarm/i.test(message)) return true;
  if (write) return false;
  return error instanceof EngineTimeout || ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e?.code ?? '') || /socket hang up|aborted/i.test(message);
}

const unconfirmedWrite = (host: string) =>
  new AppError('ENGINE_UNREACHABLE', `The swarm did not confirm the change within ${WRITE_DEADLINE_MS / 1000} s (asked ${host}). It may be electing a leader or have lost quorum: check the nodes, then try again.`);

type ManagerStatusLike = { Reachability?: string; Leader?: boolean };

export function quorumFromNodes(nodes: RawNode[]): QuorumState {
  return quorumOf(
    nodes
      .filter((n) => n.Spec.Role === 'manager')
      .map((n) => {
        const status = (n as { ManagerStatus?: ManagerStatusLike }).ManagerStatus;
        const hostname = (n as { Description?: { Hostname?: string } }).Description?.Hostname ?? n.ID;
        return { nodeId: n.ID, hostname, reachable: status?.Reachability === 'reachable', leader: status?.Leader === true };
      }),
  );
}

/** The swarm has no leader because too few managers answer: changes, and soon most reads, are refused. */
export class SwarmNoQuorum extends AppError {
  constructor(message: string, readonly via: string, options: { cause?: unknown } = {}) {
    super('PRECONDITION', message, options);
  }
}

export const quorumLostError = (quorum: QuorumState, via: string) =>
  new SwarmNoQuorum(
    `This swarm has lost quorum: ${quorum.reachable} of ${quorum.managers} managers answer, and ${quorum.quorum} are needed. ` +
      'Nothing can be changed until more than half of the managers are back: start the stopped managers. ' +
      'If they are gone for good, re-initialise from a surviving manager with "docker swarm init --force-new-cluster".',
    via,
  );

async function whyNotActive(deps: Deps, hostId: string): Promise<{ from: string; reason: string }> {
  const host = await deps.db.host.findUnique({ where: { id: hostId }, select: { name: true, status: true, statusReason: true } });
  if (!host) return { from: 'a removed host', reason: 'it is no longer registered' };
  return { from: host.name, reason: host.status === 'unreachable' ? host.statusReason ?? 'it does not answer' : 'it is no longer a manager of this swarm' };
}

type Candidate = { id: string; name: string; status: string };
type Attempt<T> = { ok: true; value: T; host: Candidate } | { ok: false; error: unknown; host: Candidate; client: HostClient | null };

async function attempt<T>(deps: Deps, host: Candidate, deadlineMs: number, work: (docker: Dockerode, signal: AbortSignal) => Promise<T>): Promise<Attempt<T>> {
  let client: HostClient | null = null;
  try {
    client = await deps.engines.get(host.id);
    const docker = client.docker;
    return { ok: true, value: await withDeadline((signal) => work(docker, signal), deadlineMs), host };
  } catch (error) {
    return { ok: false, error, host, client };
  }
}

const reasonOf = (failure: Extract<Attempt<unknown>, { ok: false }>) =>
  failure.client ? explainConnectionError(failure.error, { transport: failure.client.spec.transport, address: addressOf(failure.client.spec) }).message : String((failure.error as Error)?.message ?? failure.error);

/** An error that ends the whole call (rather than sending it to another manager). */
function finalError(failure: Extract<Attempt<unknown>, { ok: false }>, write: boolean): AppError | null {
  const { error, host } = failure;
  if (error instanceof AppError) return error;
  if (mayTryAnother(error, write)) return null;
  if (write && error instanceof EngineTimeout) return unconfirmedWrite(host.name);
  const problem = explainSwarmError(error, { host: host.name });
  if (problem.code === 'NO_QUORUM') return new SwarmNoQuorum(problem.message, host.name, { cause: error });
  return new AppError('ENGINE_ERROR', problem.message, { cause: error });
}

/** Reads are safe to repeat: ask the next manager too when one is slow (a leader election can
 * stall a manager for ~15 s), and take the first answer. */
async function hedgedRead<T>(deps: Deps, ordered: Candidate[], work: (docker: Dockerode, signal: AbortSignal) => Promise<T>): Promise<{ winner: Extract<Attempt<T>, { ok: true }>; failures: Extract<Attempt<T>, { ok: false }>[] }> {
  const started = Date.now();
  const failures: Extract<Attempt<T>, { ok: false }>[] = [];
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    let settled = false;
    let hedge: NodeJS.Timeout | undefined;
    const launch = () => {
      if (settled || next >= ordered.length) return;
      const host = ordered[next++];
      running++;
      clearTimeout(hedge);
      hedge = setTimeout(launch, HEDGE_AFTER_MS);
      void attempt(deps, host, Math.max(1000, READ_BUDGET_MS - (Date.now() - started)), work).then((result) => {
        running--;
        if (settled) return;
        if (result.ok) {
          settled = true;
          clearTimeout(hedge);
          return resolve({ winner: result, failures });
        }
        const fatal = finalError(result, false);
        if (fatal) {
          settled = true;
          clearTimeout(hedge);
          return reject(fatal);
        }
        failures.push(result);
        if (next < ordered.length) launch();
        else if (running === 0) {
          settled = true;
          clearTimeout(hedge);
          reject(new AppError('ENGINE_UNREACHABLE', `No manager of this swarm answers: ${failures.map((f) => `${f.host.name} (${reasonOf(f)})`).join('; ')}`));
        }
      });
    };
    launch();
  });
}

export async function callManager<T>(
  deps: Deps,
  swarmId: string,
  options: { write: boolean },
  operation: (docker: Dockerode, signal: AbortSignal) => Promise<T>,
): Promise<ManagerCall<T>> {
  const swarm = await deps.db.swarm.findUnique({ where: { id: swarmId }, select: { activeHostId: true } });
  const managers = await managerHosts(deps.db, swarmId);
  if (managers.length === 0) {
    throw new AppError('PRECONDITION', 'No manager of this swarm is registered in Wharf. Add one of its manager hosts to manage it from here.');
  }
  // The manager that answered last, then those that are up, then the rest.
  const rank = (h: Candidate) => (h.id === swarm?.activeHostId ? 0 : 2) + (h.status === 'up' ? 0 : 1);
  const ordered: Candidate[] = [...managers].sort((a, b) => rank(a) - rank(b));

  let winner: Extract<Attempt<T>, { ok: true }>;
  let failures: Extract<Attempt<T>, { ok: false }>[] = [];
  if (!options.write) {
    ({ winner, failures } = await hedgedRead(deps, ordered, operation));
  } else {
    // Writes go to one manager at a time, after a quorum check, and move on only when nothing was sent.
    const write = async (docker: Dockerode, signal: AbortSignal, host: Candidate) => {
      const quorum = quorumFromNodes(await listNodes(docker, signal));
      if (quorum.lost) throw quorumLostError(quorum, host.name);
      return operation(docker, signal);
    };
    let found: Extract<Attempt<T>, { ok: true }> | null = null;
    for (const host of ordered) {
      const result = await attempt(deps, host, WRITE_DEADLINE_MS, (docker, signal) => write(docker, signal, host));
      if (result.ok) {
        found = result;
        break;
      }
      const fatal = finalError(result, true);
      if (fatal) throw fatal;
      failures.push(result);
    }
    if (!found) throw new AppError('ENGINE_UNREACHABLE', `No manager of this swarm answers: ${failures.map((f) => `${f.host.name} (${reasonOf(f)})`).join('; ')}`);
    winner = found;
  }

  const failedOver = failures.map((f) => ({ from: f.host.name, reason: reasonOf(f) }));
  if (swarm && swarm.activeHostId !== winner.host.id) {
    await deps.db.swarm.update({ where: { id: swarmId }, data: { activeHostId: winner.host.id } }).catch(() => {});
    // The manager used last may not even be a candidate any more (stopped, demoted): the
    // switch away from it is still news.
    if (swarm.activeHostId && !ordered.some((h) => h.id === swarm.activeHostId)) failedOver.unshift(await whyNotActive(deps, swarm.activeHostId));
  }
  return { value: winner.value, via: { hostId: winner.host.id, hostName: winner.host.name }, failedOver };
}
