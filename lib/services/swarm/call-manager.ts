// Every swarm call goes through here: it picks a manager of the swarm among the registered
// hosts (the one that answered last first), fails over to the next when one does not answer,
// and says so. Writes first check quorum from the node list (which managers serve locally even
// without a leader), so a swarm that lost quorum is refused at once instead of hanging 20 s.
import type Dockerode from 'dockerode';
import { AppError } from '@/lib/errors.ts';
import { withDeadline } from '@/lib/services/docker/probe-engine.ts';
import { explainConnectionError, EngineTimeout } from '@/lib/services/docker/explain-connection-error.ts';
import { addressOf } from '@/lib/services/docker/connection-spec.ts';
import { listNodes, type RawNode } from '@/lib/services/docker/swarm-api.ts';
import type { ServiceDeps } from '../deps.ts';
import { explainSwarmError } from './explain-swarm-error.ts';
import { quorumOf, type QuorumState } from './quorum.ts';
import { managerHosts } from './swarm-members.ts';

export const READ_DEADLINE_MS = 6000;
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

export const quorumLostError = (quorum: QuorumState) =>
  new AppError(
    'PRECONDITION',
    `This swarm has lost quorum: ${quorum.reachable} of ${quorum.managers} managers answer, and ${quorum.quorum} are needed. ` +
      'Nothing can be changed until more than half of the managers are back: start the stopped managers. ' +
      'If they are gone for good, re-initialise from a surviving manager with "docker swarm init --force-new-cluster".',
  );

async function whyNotActive(deps: Deps, hostId: string): Promise<{ from: string; reason: string }> {
  const host = await deps.db.host.findUnique({ where: { id: hostId }, select: { name: true, status: true, statusReason: true } });
  if (!host) return { from: 'a removed host', reason: 'it is no longer registered' };
  return { from: host.name, reason: host.status === 'unreachable' ? host.statusReason ?? 'it does not answer' : 'it is no longer a manager of this swarm' };
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
  const rank = (h: (typeof managers)[number]) => (h.id === swarm?.activeHostId ? 0 : 2) + (h.status === 'up' ? 0 : 1);
  const ordered = [...managers].sort((a, b) => rank(a) - rank(b));

  const failedOver: { from: string; reason: string }[] = [];
  for (const host of ordered) {
    let client;
    try {
      client = await deps.engines.get(host.id);
      const docker = client.docker;
      const value = await withDeadline(async (signal) => {
        if (options.write) {
          const quorum = quorumFromNodes(await listNodes(docker, signal));
          if (quorum.lost) throw quorumLostError(quorum);
        }
        return operation(docker, signal);
      }, options.write ? WRITE_DEADLINE_MS : READ_DEADLINE_MS);
      if (swarm && swarm.activeHostId !== host.id) {
        await deps.db.swarm.update({ where: { id: swarmId }, data: { activeHostId: host.id } }).catch(() => {});
        // The manager used last may not even be a candidate any more (stopped, demoted): the
        // switch away from it is still news.
        if (swarm.activeHostId && !ordered.some((h) => h.id === swarm.activeHostId)) failedOver.unshift(await whyNotActive(deps, swarm.activeHostId));
      }
      return { value, via: { hostId: host.id, hostName: host.name }, failedOver };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (!mayTryAnother(error, options.write)) {
        if (options.write && error instanceof EngineTimeout) throw unconfirmedWrite(host.name);
        const problem = explainSwarmError(error, { host: host.name });
        throw new AppError(problem.code === 'NO_QUORUM' ? 'PRECONDITION' : 'ENGINE_ERROR', problem.message, { cause: error });
      }
      const reason = client ? explainConnectionError(error, { transport: client.spec.transport, address: addressOf(client.spec) }).message : String((error as Error)?.message ?? error);
      failedOver.push({ from: host.name, reason });
    }
  }
  throw new AppError('ENGINE_UNREACHABLE', `No manager of this swarm answers: ${failedOver.map((f) => `${f.from} (${f.reason})`).join('; ')}`);
}
