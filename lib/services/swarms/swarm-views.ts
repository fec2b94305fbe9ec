// Maps the engine's swarm, node and task objects to what the UI shows, and settings back to a swarm spec. Pure.
import 'server-only';
import { X509Certificate } from 'node:crypto';

export type NodeView = {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: 'active' | 'pause' | 'drain';
  state: 'ready' | 'down' | 'unknown' | 'disconnected';
  stateMessage: string | null;
  managerStatus: 'leader' | 'reachable' | 'unreachable' | 'unknown' | null;
  engineVersion: string;
  /** Status.Addr, or the manager address without its port when the engine reports 0.0.0.0. */
  address: string;
  cpus: number;
  memoryBytes: number;
  os: string;
  architecture: string;
  labels: Record<string, string>;
  runningTasks: number;
  hostId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type SwarmSettings = {
  taskHistoryLimit: number;
  snapshotInterval: number;
  keepOldSnapshots: number;
  logEntriesForSlowFollowers: number;
  electionTick: number;
  heartbeatTick: number;
  dispatcherHeartbeatSeconds: number;
  nodeCertExpiryHours: number;
  autolock: boolean;
};

export type SwarmView = {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  defaultAddrPool: string[];
  subnetSize: number;
  dataPathPort: number;
  rootRotationInProgress: boolean;
  /** notAfter of the root CA (TLSInfo.TrustRoot); null when it cannot be read. */
  caCertExpiresAt: string | null;
  settings: SwarmSettings;
};

export type TaskView = {
  id: string;
  serviceId: string;
  serviceName: string;
  slot: number | null;
  nodeId: string | null;
  /** Without the @sha256 digest the engine pins it to. */
  image: string;
  state: string;
  desiredState: string;
  message: string;
  error: string | null;
  /** Only once the container has ended: a running container reports 0, which would read as a clean exit. */
  exitCode: number | null;
  updatedAt: string;
};

type Loose = Record<string, unknown>;

type NodeLike = {
  ID?: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, unknown>; Role?: string; Availability?: string };
  Description?: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
};

type SwarmLike = {
  ID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Version?: { Index?: number };
  Spec?: {
    Name?: string;
    Orchestration?: { TaskHistoryRetentionLimit?: number };
    Raft?: { SnapshotInterval?: number; KeepOldSnapshots?: number; LogEntriesForSlowFollowers?: number; ElectionTick?: number; HeartbeatTick?: number };
    Dispatcher?: { HeartbeatPeriod?: number };
    CAConfig?: { NodeCertExpiry?: number };
    EncryptionConfig?: { AutoLockManagers?: boolean };
  };
  TLSInfo?: { TrustRoot?: string };
  RootRotationInProgress?: boolean;
  DefaultAddrPool?: unknown[];
  SubnetSize?: number;
  DataPathPort?: number;
};

type TaskLike = {
  ID?: string;
  ServiceID?: string;
  NodeID?: string;
  Slot?: number;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ExitCode?: number } };
  DesiredState?: string;
  UpdatedAt?: string;
};

const NS_PER_SECOND = 1e9;
const NS_PER_HOUR = 3600 * NS_PER_SECOND;

/** swarmkit's defaults, so a spec missing a field shows (and, if saved, keeps) what the engine actually uses. */
const DEFAULTS: SwarmSettings = {
  taskHistoryLimit: 5,
  snapshotInterval: 10000,
  keepOldSnapshots: 0,
  logEntriesForSlowFollowers: 500,
  electionTick: 10,
  heartbeatTick: 1,
  dispatcherHeartbeatSeconds: 5,
  nodeCertExpiryHours: 2160,
  autolock: false,
};

const asObject = <T>(value: unknown): T => (typeof value === 'object' && value !== null ? value : {}) as T;
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/** The host part of host:port, for IPv4, names and bracketed IPv6. */
function hostOf(addr: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(addr);
  if (bracketed) return bracketed[1];
  const colons = addr.split(':').length - 1;
  return colons === 1 ? addr.slice(0, addr.indexOf(':')) : addr;
}

const isUnspecified = (addr: string) => addr === '' || addr === '0.0.0.0' || addr === '::';

export function toNodeView(node: unknown, extras: { runningTasks: number; hostId: string | null }): NodeView {
  const n = asObject<NodeLike>(node);
  const spec = asObject<NonNullable<NodeLike['Spec']>>(n.Spec);
  const description = asObject<NonNullable<NodeLike['Description']>>(n.Description);
  const status = asObject<NonNullable<NodeLike['Status']>>(n.Status);
  const manager = typeof n.ManagerStatus === 'object' && n.ManagerStatus !== null ? n.ManagerStatus : null;
  const id = str(n.ID);

  const statusAddr = str(status.Addr);
  const managerAddr = manager ? str(manager.Addr) : '';
  // A manager that advertised 0.0.0.0 is only findable by its raft address.
  const address = isUnspecified(statusAddr) && managerAddr ? hostOf(managerAddr) : statusAddr;

  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(asObject<Record<string, unknown>>(spec.Labels))) {
    if (typeof value === 'string') labels[key] = value;
  }
  const message = str(status.Message).trim();

  return {
    id,
    hostname: str(description.Hostname) || str(spec.Name) || id.slice(0, 12),
    // Spec.Role is the desired role, which is what the user changes; without it, ManagerStatus tells.
    role: spec.Role === 'manager' || spec.Role === 'worker' ? spec.Role : manager ? 'manager' : 'worker',
    availability: oneOf(spec.Availability, ['active', 'pause', 'drain'] as const, 'active'),
    state: oneOf(status.State, ['ready', 'down', 'unknown', 'disconnected'] as const, 'unknown'),
    stateMessage: message || null,
    managerStatus: manager ? (manager.Leader === true ? 'leader' : oneOf(manager.Reachability, ['reachable', 'unreachable', 'unknown'] as const, 'unknown')) : null,
    engineVersion: str(asObject<{ EngineVersion?: unknown }>(description.Engine).EngineVersion),
    address,
    cpus: num(asObject<{ NanoCPUs?: unknown }>(description.Resources).NanoCPUs) / NS_PER_SECOND,
    memoryBytes: num(asObject<{ MemoryBytes?: unknown }>(description.Resources).MemoryBytes),
    os: str(asObject<{ OS?: unknown }>(description.Platform).OS),
    architecture: str(asObject<{ Architecture?: unknown }>(description.Platform).Architecture),
    labels,
    runningTasks: extras.runningTasks,
    hostId: extras.hostId,
    createdAt: str(n.CreatedAt),
    updatedAt: str(n.UpdatedAt),
    version: num(asObject<{ Index?: unknown }>(n.Version).Index),
  };
}

function caExpiry(trustRoot: unknown): string | null {
  if (typeof trustRoot !== 'string' || !trustRoot.includes('-----BEGIN CERTIFICATE-----')) return null;
  try {
    const notAfter = new Date(new X509Certificate(trustRoot).validTo);
    return Number.isNaN(notAfter.getTime()) ? null : notAfter.toISOString();
  } catch {
    return null;
  }
}

export function toSwarmView(swarm: unknown): SwarmView {
  const s = asObject<SwarmLike>(swarm);
  const spec = asObject<NonNullable<SwarmLike['Spec']>>(s.Spec);
  const raft = asObject<NonNullable<NonNullable<SwarmLike['Spec']>['Raft']>>(spec.Raft);
  const heartbeat = asObject<{ HeartbeatPeriod?: unknown }>(spec.Dispatcher).HeartbeatPeriod;
  const certExpiry = asObject<{ NodeCertExpiry?: unknown }>(spec.CAConfig).NodeCertExpiry;
  const pool = Array.isArray(s.DefaultAddrPool) ? s.DefaultAddrPool.filter((p): p is string => typeof p === 'string') : [];
  return {
    id: str(s.ID),
    name: str(spec.Name),
    createdAt: str(s.CreatedAt),
    updatedAt: str(s.UpdatedAt),
    version: num(asObject<{ Index?: unknown }>(s.Version).Index),
    // Engines before API 1.39 do not report these; what they use then is the default.
    defaultAddrPool: pool.length ? pool : ['10.0.0.0/8'],
    subnetSize: num(s.SubnetSize, 24) || 24,
    dataPathPort: num(s.DataPathPort, 4789) || 4789,
    rootRotationInProgress: s.RootRotationInProgress === true,
    caCertExpiresAt: caExpiry(asObject<{ TrustRoot?: unknown }>(s.TLSInfo).TrustRoot),
    settings: {
      taskHistoryLimit: num(asObject<{ TaskHistoryRetentionLimit?: unknown }>(spec.Orchestration).TaskHistoryRetentionLimit, DEFAULTS.taskHistoryLimit),
      snapshotInterval: num(raft.SnapshotInterval, DEFAULTS.snapshotInterval),
      keepOldSnapshots: num(raft.KeepOldSnapshots, DEFAULTS.keepOldSnapshots),
      logEntriesForSlowFollowers: num(raft.LogEntriesForSlowFollowers, DEFAULTS.logEntriesForSlowFollowers),
      electionTick: num(raft.ElectionTick, DEFAULTS.electionTick),
      heartbeatTick: num(raft.HeartbeatTick, DEFAULTS.heartbeatTick),
      dispatcherHeartbeatSeconds: typeof heartbeat === 'number' && Number.isFinite(heartbeat) ? heartbeat / NS_PER_SECOND : DEFAULTS.dispatcherHeartbeatSeconds,
      nodeCertExpiryHours: typeof certExpiry === 'number' && Number.isFinite(certExpiry) ? certExpiry / NS_PER_HOUR : DEFAULTS.nodeCertExpiryHours,
      autolock: asObject<{ AutoLockManagers?: unknown }>(spec.EncryptionConfig).AutoLockManagers === true,
    },
  };
}

const INTEGER_SETTINGS = ['taskHistoryLimit', 'snapshotInterval', 'keepOldSnapshots', 'logEntriesForSlowFollowers', 'electionTick', 'heartbeatTick'] as const;

/** A copy of a spec section as an object, whatever was there (the engine omits empty sections). */
const section = (spec: Loose, key: string): Loose => ({ ...asObject<Loose>(spec[key]) });

/**
 * The whole spec for POST /swarm/update with the given settings changed; everything else
 * (labels, external CAs, task defaults…) is kept, since the engine replaces the spec wholesale.
 */
export function applySettings(spec: Record<string, unknown>, settings: Partial<SwarmSettings>): Record<string, unknown> {
  for (const key of INTEGER_SETTINGS) {
    const value = settings[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new Error(`${key} must be a whole number of at least 0 (got ${value}).`);
  }
  for (const key of ['dispatcherHeartbeatSeconds', 'nodeCertExpiryHours'] as const) {
    const value = settings[key];
    if (value !== undefined && (!Number.isFinite(value) || value <= 0)) throw new Error(`${key} must be a positive number (got ${value}).`);
  }

  const next: Loose = structuredClone(spec);
  const set = (key: string, field: string, value: unknown) => {
    if (value === undefined) return;
    const part = section(next, key);
    part[field] = value;
    next[key] = part;
  };
  set('Orchestration', 'TaskHistoryRetentionLimit', settings.taskHistoryLimit);
  set('Raft', 'SnapshotInterval', settings.snapshotInterval);
  set('Raft', 'KeepOldSnapshots', settings.keepOldSnapshots);
  set('Raft', 'LogEntriesForSlowFollowers', settings.logEntriesForSlowFollowers);
  set('Raft', 'ElectionTick', settings.electionTick);
  set('Raft', 'HeartbeatTick', settings.heartbeatTick);
  // The engine wants integer nanoseconds; fractional seconds would otherwise leak float noise.
  set('Dispatcher', 'HeartbeatPeriod', settings.dispatcherHeartbeatSeconds === undefined ? undefined : Math.round(settings.dispatcherHeartbeatSeconds * NS_PER_SECOND));
  set('CAConfig', 'NodeCertExpiry', settings.nodeCertExpiryHours === undefined ? undefined : Math.round(settings.nodeCertExpiryHours * NS_PER_HOUR));
  set('EncryptionConfig', 'AutoLockManagers', settings.autolock);
  return next;
}

const TERMINAL_TASK_STATES = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

export function toTaskView(task: unknown, serviceNames: Map<string, string>): TaskView {
  const t = asObject<TaskLike>(task);
  const status = asObject<NonNullable<TaskLike['Status']>>(t.Status);
  const serviceId = str(t.ServiceID);
  const state = str(status.State) || 'unknown';
  const image = str(asObject<{ Image?: unknown }>(asObject<NonNullable<TaskLike['Spec']>>(t.Spec).ContainerSpec).Image);
  const exitCode = asObject<{ ExitCode?: unknown }>(status.ContainerStatus).ExitCode;
  const err = str(status.Err).trim();
  return {
    id: str(t.ID),
    serviceId,
    serviceName: serviceNames.get(serviceId) ?? serviceId.slice(0, 12),
    // Global services have no slot; replicated slots start at 1.
    slot: typeof t.Slot === 'number' && Number.isInteger(t.Slot) && t.Slot > 0 ? t.Slot : null,
    nodeId: str(t.NodeID) || null,
    image: image.split('@')[0],
    state,
    desiredState: str(t.DesiredState) || 'unknown',
    message: str(status.Message),
    error: err || null,
    exitCode: TERMINAL_TASK_STATES.has(state) && typeof exitCode === 'number' && Number.isFinite(exitCode) ? exitCode : null,
    updatedAt: str(t.UpdatedAt) || str(status.Timestamp),
  };
}

export function countRunningTasks(tasks: TaskView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of tasks) {
    if (task.nodeId && task.state === 'running' && task.desiredState === 'running') counts.set(task.nodeId, (counts.get(task.nodeId) ?? 0) + 1);
  }
  return counts;
}

/** nodeId → hostId for the nodes a registered host runs; when two hosts claim one node, the first listed wins. */
export function mapNodesToHosts(nodes: { id: string }[], hosts: { id: string; nodeId: string | null }[]): Map<string, string> {
  const byNode = new Map<string, string>();
  for (const host of hosts) {
    if (host.nodeId && !byNode.has(host.nodeId)) byNode.set(host.nodeId, host.id);
  }
  const result = new Map<string, string>();
  for (const node of nodes) {
    const hostId = byNode.get(node.id);
    if (hostId) result.set(node.id, hostId);
  }
  return result;
}
