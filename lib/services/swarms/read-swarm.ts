// Reading a swarm through one of its managers: the cluster, its nodes with their running tasks,
// and its quorum; the answer says which manager replied and which ones did not.
import 'server-only';
import { AppError, localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { type Message, msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, failureSaid, hostEngine, quorumFromNodes, SwarmNoQuorum, withDeadline, type EngineApi, type HostEngine, type ManagerCall, type SwarmNode, type SwarmTask } from '../engine/index.ts';
import { managersAsProbed, type ManagerProbe } from '../../models/swarms/no-quorum-managers.ts';
import type { QuorumState } from '../../models/swarms/quorum.ts';
import { hostsByNodeId, managerHosts } from './swarm-members.ts';
import { countRunningTasks, toNodeView, toSwarmView, toTaskView, type NodeView, type SwarmView, type TaskView } from './swarm-views.ts';
import { buildVisualizer, type VisualizerColumn } from '../../models/swarms/visualizer-model.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
/** The overview also tells the host monitor when its managers' pings contradict a stored status. */
type OverviewDeps = Pick<ServiceDeps, 'db' | 'engines' | 'changes'>;
export type Via = Pick<ManagerCall<unknown>, 'via' | 'failedOver'>;

export type SwarmOverview = Via & {
  health: 'ok';
  swarm: SwarmView & { name: string };
  nodes: NodeView[];
  quorum: QuorumState;
  /** Task counts could not be read (a swarm without a leader refuses task lists); nodes are shown anyway. */
  tasksUnavailable: boolean;
};

/** What can be said of a swarm without a leader: its managers refuse cluster reads, so only its
 * registered managers (those Wharf's record names, and those the answering manager knows), each
 * pinged now, and what the engine said. */
export type NoQuorumOverview = Via & {
  health: 'no-quorum';
  name: string;
  id: string;
  /** What the engine gateway said (a message once it says one, said where it is shown). */
  message: string | Message;
  managers: { hostId: string; hostName: string; status: string; statusReason: string | null }[];
};

/** Current tasks (desired running) of the swarm, in one request grouped here by node. A request
 * per node (as `docker node ps` makes) costs the manager a scan of every task each time: with 10
 * nodes and 5,000 tasks that was ten times the work (see docs/benchmarks.md, swarm-listing). */
const currentTasks = (api: EngineApi): Promise<SwarmTask[]> => api.listTasks({ 'desired-state': ['running'] });

const serviceNames = async (api: EngineApi) => new Map((await api.listServices()).map((s) => [s.ID, s.Spec.Name]));

async function swarmName(deps: Deps, swarmId: string): Promise<string> {
  const row = await deps.db.swarm.findUnique({ where: { id: swarmId }, select: { name: true } });
  if (!row) throw new AppError('NOT_FOUND', msg('swarms.errors.unknownSwarm'));
  return row.name;
}

/** `locale`: the language the managers' stored status reasons are said in. */
export async function readSwarmOverview(deps: OverviewDeps, swarmId: string, locale: Locale = DEFAULT_LOCALE): Promise<SwarmOverview | NoQuorumOverview> {
  const name = await swarmName(deps, swarmId);
  const hosts = await hostsByNodeId(deps.db);
  const result = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readSwarm') }, async (api) => {
    // Nodes and the cluster are served from the manager's own store even without a leader; task
    // lists are not. Show what can be shown: that is when the quorum state matters most.
    const [swarm, nodes, tasks] = await Promise.all([api.inspectSwarm(), api.listNodes(), currentTasks(api).catch(() => null)]);
    return { swarm, nodes, tasks };
  }).catch(async (error) => {
    if (!(error instanceof SwarmNoQuorum)) throw error;
    return noQuorum(deps, swarmId, name, error, locale);
  });
  if ('health' in result) return result;
  const { swarm, nodes, tasks } = result.value;
  const running = countRunningTasks((tasks ?? []).map((t) => toTaskView(t, new Map())));
  return {
    health: 'ok',
    via: result.via,
    failedOver: result.failedOver,
    swarm: { ...toSwarmView(swarm), name },
    nodes: nodes.map((n) => toNodeView(n, { runningTasks: running.get(n.ID) ?? 0, hostId: hosts.get(n.ID)?.id ?? null })).sort(byRoleThenName),
    quorum: quorumFromNodes(nodes),
    tasksUnavailable: tasks === null,
  };
}

/** How long the no-quorum view waits for a manager's engine to answer its ping. */
export const MANAGER_PROBE_MS = 3_000;

/** Whether a manager's engine answers a ping now (the call itself, not the host monitor's last word),
 * and if not, why, said in `locale`. */
async function probeManager(deps: Deps, hostId: string, locale: Locale): Promise<ManagerProbe> {
  let engine: HostEngine | null = null;
  try {
    engine = await hostEngine(deps, hostId);
    const api = engine.api;
    await withDeadline((signal) => api(signal).ping(), MANAGER_PROBE_MS);
    return { answered: true };
  } catch (error) {
    const said = failureSaid(error, engine?.where ?? null);
    return { answered: false, reason: typeof said === 'string' ? said : renderMessage(said, locale) };
  }
}

/** The node ids of the managers the answering manager knows (its own /info: no quorum needed), or none if it does not say. */
async function managersKnownTo(deps: Deps, hostId: string): Promise<string[]> {
  try {
    const engine = await hostEngine(deps, hostId);
    const info = await withDeadline((signal) => engine.api(signal).info(), MANAGER_PROBE_MS);
    return (info.Swarm?.RemoteManagers ?? []).map((m) => m.NodeID ?? '').filter(Boolean);
  } catch {
    return [];
  }
}

async function noQuorum(deps: OverviewDeps, swarmId: string, name: string, error: SwarmNoQuorum, locale: Locale): Promise<NoQuorumOverview> {
  const stored = await managerHosts(deps.db, swarmId);
  // A manager Wharf last read mid-election (no cluster id, not yet listed as a manager) is still one
  // of the managers the answering manager knows: it is found by its node id.
  const answering = await deps.db.host.findFirst({ where: { name: error.via }, select: { id: true } });
  const known = answering ? await managersKnownTo(deps, answering.id) : [];
  const byNode = known.length ? await hostsByNodeId(deps.db) : new Map<string, { id: string }>();
  const ids = new Set([...stored.map((m) => m.id), ...known.flatMap((nodeId) => byNode.get(nodeId)?.id ?? [])]);
  const rows = await deps.db.host.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, status: true, statusReason: true }, orderBy: { name: 'asc' } });
  const via = rows.find((r) => r.name === error.via);
  // The manager that said "no quorum" answered; every other one is asked now, all at once, so a
  // stopped manager is unreachable on this very read (the stored status may not know it yet).
  const probes = new Map(await Promise.all(rows.map(async (r): Promise<[string, ManagerProbe]> => [r.id, r.id === via?.id ? { answered: true } : await probeManager(deps, r.id, locale)])));
  const asStored = rows.map((r) => ({ hostId: r.id, hostName: r.name, status: r.status, statusReason: r.statusReason === null ? null : localizeText(r.statusReason, locale) }));
  const probed = managersAsProbed(asStored, probes);
  // The host monitor re-reads those hosts now rather than at its next heartbeat.
  for (const hostId of probed.stale) deps.changes.publish({ type: 'host.engine-changed', hostId });
  return {
    health: 'no-quorum',
    name,
    id: swarmId,
    message: error.said ?? error.message,
    via: { hostId: via?.id ?? '', hostName: error.via },
    failedOver: [],
    managers: probed.managers,
  };
}

const byRoleThenName = (a: NodeView, b: NodeView) => (a.role === b.role ? a.hostname.localeCompare(b.hostname) : a.role === 'manager' ? -1 : 1);

export type NodeDetail = Via & { node: NodeView; raw: SwarmNode; tasks: TaskView[] };

export async function readNode(deps: Deps, swarmId: string, nodeId: string): Promise<NodeDetail> {
  await swarmName(deps, swarmId);
  const hosts = await hostsByNodeId(deps.db);
  const result = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readNode', { name: nodeId }) }, async (api) => {
    const [raw, tasks, names] = await Promise.all([api.inspectNode(nodeId), api.listTasks({ node: [nodeId] }), serviceNames(api)]);
    return { raw, tasks: tasks.map((t) => toTaskView(t, names)) };
  });
  const { raw, tasks } = result.value;
  tasks.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const running = countRunningTasks(tasks);
  return { via: result.via, failedOver: result.failedOver, raw, tasks, node: toNodeView(raw, { runningTasks: running.get(nodeId) ?? 0, hostId: hosts.get(nodeId)?.id ?? null }) };
}

export type VisualizerData = Via & { columns: VisualizerColumn[]; hidden: number };

export async function readVisualizer(deps: Deps, swarmId: string): Promise<VisualizerData> {
  await swarmName(deps, swarmId);
  const result = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readSwarm') }, async (api) => {
    const [nodes, tasks, names] = await Promise.all([api.listNodes(), api.listTasks({ 'desired-state': ['running', 'shutdown'] }), serviceNames(api)]);
    return { nodes, tasks: tasks.map((t) => toTaskView(t, names)) };
  });
  const running = countRunningTasks(result.value.tasks);
  const nodes = result.value.nodes.map((n) => toNodeView(n, { runningTasks: running.get(n.ID) ?? 0, hostId: null }));
  const model = buildVisualizer(nodes, result.value.tasks, { maxCardsPerColumn: 60 });
  return { via: result.via, failedOver: result.failedOver, ...model };
}
