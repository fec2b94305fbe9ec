// Turns the engine's swarm errors into one sentence that says what happened and what to do, naming the host, node or manager. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

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
  /** The sentence, in no language yet. */
  said: Message;
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
  const thisEngine: Message | string = host ?? msg('engineText.swarm.standIn.thisEngine');
  const ThisEngine: Message | string = host ?? msg('engineText.swarm.standIn.thisEngineStart');
  const theNode: Message | string = node ?? msg('engineText.swarm.standIn.theNode');
  const TheNode: Message | string = node ?? msg('engineText.swarm.standIn.theNodeStart');
  const problem = (code: SwarmProblem['code'], said: Message, retryable = false): SwarmProblem => ({ code, said, retryable });

  if (/already part of a swarm/.test(lower)) {
    return problem('ALREADY_IN_SWARM', msg('engineText.swarm.alreadyInSwarm', { engine: ThisEngine }));
  }
  // Also worded "not a swarm manager", but pointing at init/join: the engine is in no swarm at all.
  if (/not part of a swarm|docker swarm init" or "docker swarm join/.test(lower)) {
    return problem('NOT_IN_SWARM', msg('engineText.swarm.notInSwarm', { engine: ThisEngine }));
  }
  if (/not a swarm manager/.test(lower)) {
    return problem('NOT_A_MANAGER', msg('engineText.swarm.notAManager', { engine: ThisEngine, node: host ?? msg('engineText.swarm.standIn.thisNode') }));
  }
  if (/timeout was reached before node joined/.test(lower)) {
    const several = managerAddr?.includes(',') ?? false;
    const ports = [...new Set([...(managerAddr ?? '').matchAll(/:(\d+)\s*(?:,|$)/g)].map((m) => m[1]))];
    // "2377 and 7946": each further port joins the list as a sentence of its own language would.
    const [first, ...more] = ports.length ? ports : ['2377'];
    const portList = more.reduce<Message | string>((list, port) => msg('engineText.swarm.portList', { list, port }), first);
    const reacher = host ?? msg('engineText.swarm.standIn.it');
    return problem(
      'JOIN_TIMEOUT',
      managerAddr
        ? msg('engineText.swarm.joinTimeoutAt', { engine: ThisEngine, several: several ? 'yes' : 'no', managerAddr, reacher, ports: portList })
        : msg('engineText.swarm.joinTimeout', { engine: ThisEngine, reacher, ports: portList }),
    );
  }
  if (/join token/.test(lower)) {
    return problem('BAD_JOIN_TOKEN', managerAddr ? msg('engineText.swarm.badJoinTokenAt', { managerAddr }) : msg('engineText.swarm.badJoinToken'));
  }
  if (/demote the last manager/.test(lower)) {
    return problem('LAST_MANAGER', msg('engineText.swarm.lastManagerDemote', { Node: TheNode, node: theNode }));
  }
  if (/removing the last manager erases all current state/.test(lower)) {
    return problem('LAST_MANAGER', msg('engineText.swarm.lastManagerLeave', { engine: ThisEngine }));
  }
  if (/is a cluster manager|must be demoted to worker before removal/.test(lower)) {
    return problem('MANAGER_NOT_REMOVABLE', msg('engineText.swarm.managerNotRemovable', { Node: TheNode }));
  }
  if (/is not down and can't be removed/.test(lower)) {
    return problem('NODE_NOT_DOWN', msg('engineText.swarm.nodeNotDown', { Node: TheNode }));
  }
  if (/update out of sequence/.test(lower)) {
    return problem('OUT_OF_SEQUENCE', msg('engineText.swarm.outOfSequence', { subject: node ?? msg('engineText.swarm.standIn.theSwarmStart') }), true);
  }
  if (/would result in a loss of quorum/.test(lower)) {
    return problem('NO_QUORUM', msg('engineText.swarm.quorumLossDemote', { node: theNode }));
  }
  if (/without a raft quorum/.test(lower)) {
    return problem('NO_QUORUM', msg('engineText.swarm.quorumLossLeave', { engine: ThisEngine }));
  }
  if (/does not have a leader|lost leader status|context deadline exceeded|raft: failed to process|no elected cluster leader/.test(lower)) {
    return problem('NO_QUORUM', host ? msg('engineText.swarm.noLeaderVia', { host }) : msg('engineText.swarm.noLeader'), true);
  }
  if (/participating as a manager/.test(lower)) {
    return problem('UNKNOWN', msg('engineText.swarm.managerLeave', { engine: ThisEngine }));
  }
  if (/swarm is encrypted and (needs to be unlocked|locked)/.test(lower)) {
    return problem('UNKNOWN', msg('engineText.swarm.locked', { engine: thisEngine, manager: host ?? msg('engineText.swarm.standIn.thatManager') }));
  }
  if (status === 404 || /no such (node|service|task|secret|config)|code = notfound|^(node|service|task) \S+ not found/.test(lower)) {
    return problem('NOT_FOUND', msg('engineText.swarm.gone', { subject: node ?? msg('engineText.swarm.standIn.thatObjectStart') }));
  }

  const words = text ? text.slice(0, 200) : status ? `HTTP ${status}` : null;
  if (words === null) return problem('UNKNOWN', host ? msg('engineText.swarm.unknownReasonTo', { host }) : msg('engineText.swarm.unknownReason'));
  return problem('UNKNOWN', host ? msg('engineText.swarm.failedTo', { host, words }) : msg('engineText.swarm.failed', { words }));
}
