// Every swarm call goes through here: it picks a manager of the swarm among the registered
// hosts (the one that answered last first), fails over to the next when one does not answer,
// and says so. Writes first check quorum from the node list (which managers serve locally even
// without a leader), so a swarm that lost quorum is refused at once instead of hanging 20 s.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg, saidOfStored, type Message } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';
import type { EngineApi } from './engine-api.ts';
import type { SwarmNode } from './engine-types.ts';
import { EngineTimeout } from './explain-connection-error.ts';
import { hostEngine, type HostEngine } from './host-engine.ts';
import { failureSaid, SwarmNoQuorum, translateEngineError, type Doing } from './translate-engine-error.ts';
import { withDeadline } from './with-deadline.ts';
import { quorumOf, type QuorumState } from '../../models/swarms/quorum.ts';
import { managerHosts } from '../swarms/swarm-members.ts';

/** A read is sent to the next manager too when the current one has not answered by then. */
export const HEDGE_AFTER_MS = 1500;
/** All the time a read may take, across managers (an election can stall one for ~15 s). */
export const READ_BUDGET_MS = 20_000;
/** A write may wait out a leader election (~15 s seen on the lab) before it can be applied. */
export const WRITE_DEADLINE_MS = 25_000;

export type ManagerCall<T> = { value: T; via: { hostId: string; hostName: string }; failedOver: { from: string; reason: Message | string }[] };

/** The manager an operation runs on. */
export type Manager = {
  hostId: string;
  hostName: string;
  /** A step of the operation that says what it does: if it fails, the call ends there (no other
   * manager is tried) with "Could not <doing> through <manager>: why", naming `names.node`. */
  step<T>(doing: Doing, work: Promise<T>, names?: { node?: string }): Promise<T>;
};

type Operation<T> = (api: EngineApi, manager: Manager) => Promise<T>;

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

const unconfirmedWrite = (host: string) => new AppError('ENGINE_UNREACHABLE', msg('engineText.manager.unconfirmedWrite', { seconds: WRITE_DEADLINE_MS / 1000, host }));

export function quorumFromNodes(nodes: SwarmNode[]): QuorumState {
  return quorumOf(
    nodes
      .filter((n) => n.Spec.Role === 'manager')
      .map((n) => {
        const status = n.ManagerStatus;
        return { nodeId: n.ID, hostname: n.Description?.Hostname ?? n.ID, reachable: status?.Reachability === 'reachable', leader: status?.Leader === true };
      }),
  );
}

export const quorumLostError = (quorum: QuorumState, via: string) =>
  new SwarmNoQuorum(msg('engineText.manager.quorumLost', { reachable: quorum.reachable, managers: quorum.managers, quorum: quorum.quorum }), via);

async function whyNotActive(deps: Deps, hostId: string): Promise<{ from: string; reason: Message | string }> {
  const host = await deps.db.host.findUnique({ where: { id: hostId }, select: { name: true, status: true, statusReason: true } });
  if (!host) return { from: 'a removed host', reason: msg('engineText.manager.notRegistered') };
  // A stored status reason is a message (the host watcher stores it so), or text written before it was one.
  return { from: host.name, reason: host.status === 'unreachable' ? (host.statusReason === null ? msg('engineText.manager.noAnswer') : saidOfStored(host.statusReason)) : msg('engineText.manager.notManager') };
}

type Candidate = { id: string; name: string; status: string };
type Attempt<T> = { ok: true; value: T; host: Candidate } | { ok: false; error: unknown; host: Candidate; engine: HostEngine | null };
type Failure = Extract<Attempt<unknown>, { ok: false }>;

const managerOf = (engine: HostEngine): Manager => ({
  hostId: engine.hostId,
  hostName: engine.hostName,
  step: (doing, work, names = {}) =>
    work.catch((error: unknown) => {
      throw engine.fail(error, doing, { ...names, through: true });
    }),
});

async function attempt<T>(deps: Deps, host: Candidate, deadlineMs: number, work: Operation<T>): Promise<Attempt<T>> {
  let engine: HostEngine | null = null;
  try {
    engine = await hostEngine(deps, host.id);
    const manager = managerOf(engine);
    const ready = engine;
    return { ok: true, value: await withDeadline((signal) => work(ready.api(signal), manager), deadlineMs), host };
  } catch (error) {
    return { ok: false, error, host, engine };
  }
}

/** Every manager failed: each named with why, in one sentence ("lab-1 (why); lab-2 (why)"). */
function noManagerAnswers(failures: Failure[]): AppError {
  const each = failures.map((f): Message => msg('engineText.manager.failedManager', { host: f.host.name, reason: failureSaid(f.error, f.engine?.where ?? null) }));
  const list = each.slice(1).reduce<Message | string>((joined, next) => msg('engineText.manager.failureList', { list: joined, next }), each[0] ?? '');
  return new AppError('ENGINE_UNREACHABLE', msg('engineText.manager.noneAnswers', { failures: list }));
}

/** An error that ends the whole call (rather than sending it to another manager). */
function finalError(failure: Failure, write: boolean, doing: Doing): AppError | null {
  const { error, host } = failure;
  if (error instanceof AppError) return error;
  if (mayTryAnother(error, write)) return null;
  if (write && error instanceof EngineTimeout) return unconfirmedWrite(host.name);
  return translateEngineError(error, { doing, host: host.name, where: failure.engine?.where ?? null, swarm: { through: true } });
}

/** Reads are safe to repeat: ask the next manager too when one is slow (a leader election can
 * stall a manager for ~15 s), and take the first answer. */
async function hedgedRead<T>(deps: Deps, ordered: Candidate[], doing: Doing, work: Operation<T>): Promise<{ winner: Extract<Attempt<T>, { ok: true }>; failures: Extract<Attempt<T>, { ok: false }>[] }> {
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
        const fatal = finalError(result, false, doing);
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
          reject(noManagerAnswers(failures));
        }
      });
    };
    launch();
  });
}

/** Runs `operation` on a manager of the swarm. `doing` completes "Could not …" in the message of
 * a failure that ends the call ("scale service web"). */
export async function callManager<T>(
  deps: Deps,
  swarmId: string,
  options: { write: boolean; doing?: Doing },
  operation: Operation<T>,
): Promise<ManagerCall<T>> {
  const doing = options.doing ?? msg(options.write ? 'engineText.doing.changeSwarm' : 'engineText.doing.readSwarm');
  const swarm = await deps.db.swarm.findUnique({ where: { id: swarmId }, select: { activeHostId: true } });
  const managers = await managerHosts(deps.db, swarmId);
  if (managers.length === 0) {
    throw new AppError('PRECONDITION', msg('engineText.manager.noneRegistered'));
  }
  // The manager that answered last, then those that are up, then the rest.
  const rank = (h: Candidate) => (h.id === swarm?.activeHostId ? 0 : 2) + (h.status === 'up' ? 0 : 1);
  const ordered: Candidate[] = [...managers].sort((a, b) => rank(a) - rank(b));

  let winner: Extract<Attempt<T>, { ok: true }>;
  let failures: Extract<Attempt<T>, { ok: false }>[] = [];
  if (!options.write) {
    ({ winner, failures } = await hedgedRead(deps, ordered, doing, operation));
  } else {
    // Writes go to one manager at a time, after a quorum check, and move on only when nothing was sent.
    const write = (host: Candidate): Operation<T> => async (api, manager) => {
      const quorum = quorumFromNodes(await api.listNodes());
      if (quorum.lost) throw quorumLostError(quorum, host.name);
      return operation(api, manager);
    };
    let found: Extract<Attempt<T>, { ok: true }> | null = null;
    for (const host of ordered) {
      const result = await attempt(deps, host, WRITE_DEADLINE_MS, write(host));
      if (result.ok) {
        found = result;
        break;
      }
      const fatal = finalError(result, true, doing);
      if (fatal) throw fatal;
      failures.push(result);
    }
    if (!found) throw noManagerAnswers(failures);
    winner = found;
  }

  const failedOver: ManagerCall<T>['failedOver'] = failures.map((f) => ({ from: f.host.name, reason: failureSaid(f.error, f.engine?.where ?? null) }));
  if (swarm && swarm.activeHostId !== winner.host.id) {
    await deps.db.swarm.update({ where: { id: swarmId }, data: { activeHostId: winner.host.id } }).catch(() => {});
    // The manager used last may not even be a candidate any more (stopped, demoted): the
    // switch away from it is still news.
    if (swarm.activeHostId && !ordered.some((h) => h.id === swarm.activeHostId)) failedOver.unshift(await whyNotActive(deps, swarm.activeHostId));
  }
  return { value: winner.value, via: { hostId: winner.host.id, hostName: winner.host.name }, failedOver };
}
