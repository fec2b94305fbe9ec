// Turns the engine's swarm errors into one sentence that says what happened and what to do, naming the host, node or manager. Pure.
import 'server-only';

export type SwarmProblem = {
  code:
    | 'ALREADY_IN_SWARM'
    | 'NOT_IN_SWARM'
    | 'NOT_A_MANAGER'
    | 'JOIN_TIMEOUT'
    | 'BAD_JOIN_TOKEN'
    | 'NO_QUORUM'
    | 'LAST_MANAGER'
    | 'NODE_NOT_DOWN'
    | 'MANAGER_NOT_REMOVABLE'
    | 'OUT_OF_SEQUENCE'
    | 'NOT_FOUND'
    | 'UNKNOWN';
  message: string;
  /** Whether the same request may succeed later without anyone changing anything. */
  retryable: boolean;
};

type Context = { host?: string; node?: string; managerAddr?: string };

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The engine's own words: dockerode puts them in json.message and prefixes message with "(HTTP code …)". */
function readError(error: unknown): { status: number | null; text: string } {
  if (typeof error === 'string') return { status: null, text: error };
  if (typeof error !== 'object' || error === null) return { status: null, text: '' };
  const e = error as { statusCode?: unknown; json?: unknown; message?: unknown; reason?: unknown };
  const status = typeof e.statusCode === 'number' && Number.isFinite(e.statusCode) ? e.statusCode : null;
  let json = e.json;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      return { status, text: json as string };
    }
  }
  const fromJson = typeof json === 'object' && json !== null ? asText((json as { message?: unknown }).message) : '';
  const message = asText(e.message).replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '');
  return { status, text: (fromJson || message || asText(e.reason)).trim() };
}

const name = (value: string | undefined) => (typeof value === 'string' && value.trim() ? value.trim() : null);

export function explainSwarmError(error: unknown, context: Context): SwarmProblem {
  let status: number | null = null;
  let text = '';
  try {
    ({ status, text } = readError(error));
  } catch {
    // A getter that throws is as unreadable as no message at all.
  }
  const lower = text.toLowerCase();
  const ctx = typeof context === 'object' && context !== null ? context : {};
  const host = name(ctx.host);
  const node = name(ctx.node);
  const managerAddr = name(ctx.managerAddr);
  // Names are never capitalised ("lab-2 could not…"); only the stand-ins for a missing name are.
  const thisEngine = host ?? 'this engine';
  const ThisEngine = host ?? 'This engine';
  const theNode = node ?? 'the node';
  const TheNode = node ?? 'The node';
  const problem = (code: SwarmProblem['code'], message: string, retryable = false): SwarmProblem => ({ code, message, retryable });

  if (/already part of a swarm/.test(lower)) {
    return problem('ALREADY_IN_SWARM', `${ThisEngine} is already part of a swarm. Make it leave that swarm first if it should start or join another one.`);
  }
  // Also worded "not a swarm manager", but pointing at init/join: the engine is in no swarm at all.
  if (/not part of a swarm|docker swarm init" or "docker swarm join/.test(lower)) {
    return problem('NOT_IN_SWARM', `${ThisEngine} is not part of a swarm (any more). Initialise a swarm on it, or join it to one.`);
  }
  if (/not a swarm manager/.test(lower)) {
    return problem('NOT_A_MANAGER', `${ThisEngine} is a worker, and only managers can view or change the cluster. Use a manager of the swarm, or promote ${host ?? 'this node'} from one.`);
  }
  if (/timeout was reached before node joined/.test(lower)) {
    const several = managerAddr?.includes(',') ?? false;
    const ports = [...new Set([...(managerAddr ?? '').matchAll(/:(\d+)\s*(?:,|$)/g)].map((m) => m[1]))];
    const where = managerAddr ? ` at ${managerAddr}` : '';
    return problem(
      'JOIN_TIMEOUT',
      `${ThisEngine} could not reach the ${several ? 'managers' : 'manager'}${where} within 20 s. ` +
        `Check that ${host ?? 'it'} can reach ${managerAddr ? (several ? 'those addresses' : 'that address') : 'the manager'} on TCP ${ports.length ? ports.join(' and ') : '2377'} (routes, firewalls).`,
    );
  }
  if (/join token/.test(lower)) {
    return problem(
      'BAD_JOIN_TOKEN',
      `The ${managerAddr ? `manager at ${managerAddr}` : 'manager'} refused the join token: it is wrong, or it has been rotated since. Copy the current token from a manager and try again.`,
    );
  }
  if (/demote the last manager/.test(lower)) {
    return problem('LAST_MANAGER', `${TheNode} is the last manager, and a swarm cannot run without one. Promote another node first, then demote ${theNode}.`);
  }
  if (/removing the last manager erases all current state/.test(lower)) {
    return problem('LAST_MANAGER', `${ThisEngine} is the last manager: leaving erases the swarm's state (services, secrets, configs). Force it only if the swarm should go.`);
  }
  if (/is a cluster manager|must be demoted to worker before removal/.test(lower)) {
    return problem('MANAGER_NOT_REMOVABLE', `${TheNode} is a manager, and managers cannot be removed. Demote it to worker first, then remove it.`);
  }
  if (/is not down and can't be removed/.test(lower)) {
    return problem(
      'NODE_NOT_DOWN',
      `${TheNode} is not down, so the swarm will not remove it. Make it leave the swarm first, or force the removal if the machine is gone for good.`,
    );
  }
  if (/update out of sequence/.test(lower)) {
    return problem('OUT_OF_SEQUENCE', `${node ?? 'The swarm'} changed while this change was being made. Reload and apply it again.`, true);
  }
  if (/would result in a loss of quorum/.test(lower)) {
    return problem(
      'NO_QUORUM',
      `The swarm refused: without ${theNode} as a manager, too few managers would be reachable and the cluster would lose quorum. Bring the unreachable managers back first.`,
    );
  }
  if (/without a raft quorum/.test(lower)) {
    return problem(
      'NO_QUORUM',
      `${ThisEngine} is a manager, and without it no more than half of the managers would be reachable: the swarm would lose quorum and could no longer be changed. Bring the other managers back first; force it only if that is acceptable.`,
    );
  }
  if (/does not have a leader|lost leader status|context deadline exceeded|raft: failed to process|no elected cluster leader/.test(lower)) {
    return problem(
      'NO_QUORUM',
      `The swarm${host ? ` (asked through ${host})` : ''} has no leader: more than half of its managers must be online for any change. ` +
        'Bring the stopped managers back; a leader is elected within seconds once enough are up. ' +
        'Only if they are gone for good, re-initialise with "docker swarm init --force-new-cluster" on a surviving manager (last resort: it keeps the state but drops the other managers).',
      true,
    );
  }
  if (/participating as a manager/.test(lower)) {
    return problem('UNKNOWN', `${ThisEngine} is a manager, and the engine lets a manager leave only when forced. Demote it first, then let it leave.`);
  }
  if (/swarm is encrypted and (needs to be unlocked|locked)/.test(lower)) {
    return problem('UNKNOWN', `The swarm on ${thisEngine} is locked. Unlock it with the unlock key ("docker swarm unlock" on ${host ?? 'that manager'}), then try again.`);
  }
  if (status === 404 || /no such (node|service|task|secret|config)|code = notfound|^(node|service|task) \S+ not found/.test(lower)) {
    return problem('NOT_FOUND', `${node ?? 'That object'} is no longer in the swarm. Reload the list.`);
  }

  const detail = text ? `: ${text.slice(0, 200)}` : status ? `: HTTP ${status}` : '';
  return problem('UNKNOWN', `The swarm request${host ? ` to ${host}` : ''} failed${detail || ' for an unknown reason'}.`);
}
