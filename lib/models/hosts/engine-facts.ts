// The facts Wharf shows about an engine, mapped from /info, /version, /volumes and /networks. Pure.

export type SwarmFacts =
  | { state: 'inactive' | 'pending' | 'error' | 'locked' }
  | { state: 'active'; role: 'manager' | 'worker'; nodeId: string; clusterId: string | null; managers: number | null; nodes: number | null };

export type EngineFacts = {
  name: string;
  engineId: string;
  engineVersion: string;
  apiVersion: string;
  os: string;
  osType: string;
  kernel: string;
  architecture: string;
  cpus: number;
  memoryBytes: number;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
  volumes: number;
  networks: number;
  swarm: SwarmFacts;
};

type Info = {
  ID?: string; Name?: string; OperatingSystem?: string; OSType?: string; KernelVersion?: string; Architecture?: string;
  NCPU?: number; MemTotal?: number; Containers?: number; ContainersRunning?: number; ContainersPaused?: number;
  ContainersStopped?: number; Images?: number; ServerVersion?: string;
  Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean; RemoteManagers?: { NodeID?: string }[] | null; Managers?: number; Nodes?: number; Cluster?: { ID?: string } | null };
};
type Version = { Version?: string; ApiVersion?: string; Os?: string; Arch?: string; KernelVersion?: string };

export function toSwarmFacts(swarm: Info['Swarm']): SwarmFacts {
  const state = swarm?.LocalNodeState ?? 'inactive';
  if (state !== 'active') {
    return { state: state === 'pending' || state === 'error' || state === 'locked' ? state : 'inactive' };
  }
  // Control (and the cluster's details) is available on a manager only while its raft works: one
  // that is electing or has lost quorum still lists itself among the managers it knows.
  const control = swarm?.ControlAvailable === true;
  const listed = !!swarm?.NodeID && (swarm.RemoteManagers ?? []).some((m) => m.NodeID === swarm.NodeID);
  return {
    state: 'active',
    role: control || listed ? 'manager' : 'worker',
    nodeId: swarm?.NodeID ?? '',
    clusterId: swarm?.Cluster?.ID ?? null,
    managers: control ? swarm?.Managers ?? null : null,
    nodes: control ? swarm?.Nodes ?? null : null,
  };
}

/**
 * A manager read while its raft elects or has lost quorum gives no cluster id: it is still the
 * manager of the swarm its earlier facts named under the same node id, so that id is kept (the
 * swarm's views then still count it among its managers). Anything else is taken as read.
 */
export function keepSwarmIdentity(previous: EngineFacts | null, next: EngineFacts): EngineFacts {
  const before = previous?.swarm;
  const now = next.swarm;
  if (!before || before.state !== 'active' || now.state !== 'active') return next;
  if (now.clusterId !== null || before.clusterId === null || now.role !== 'manager' || now.nodeId !== before.nodeId) return next;
  return { ...next, swarm: { ...now, clusterId: before.clusterId } };
}

/** Facts after a partial re-read: only the parts given change; /version is read once per connection. */
export function updateFacts(previous: EngineFacts, update: { info?: Info; volumes?: number; networks?: number }): EngineFacts {
  const base = update.info
    ? toEngineFacts(update.info, { Version: previous.engineVersion, ApiVersion: previous.apiVersion }, { volumes: previous.volumes, networks: previous.networks })
    : previous;
  return { ...base, volumes: update.volumes ?? base.volumes, networks: update.networks ?? base.networks };
}

export function toEngineFacts(info: Info, version: Version, counts: { volumes: number; networks: number }): EngineFacts {
  const total = info.Containers ?? 0;
  const running = info.ContainersRunning ?? 0;
  const paused = info.ContainersPaused ?? 0;
  return {
    name: info.Name ?? '',
    engineId: info.ID ?? '',
    engineVersion: version.Version ?? info.ServerVersion ?? '',
    apiVersion: version.ApiVersion ?? '',
    os: info.OperatingSystem ?? '',
    osType: info.OSType ?? version.Os ?? '',
    kernel: info.KernelVersion ?? version.KernelVersion ?? '',
    architecture: info.Architecture ?? version.Arch ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    containers: { total, running, paused, stopped: info.ContainersStopped ?? Math.max(0, total - running - paused) },
    images: info.Images ?? 0,
    volumes: counts.volumes,
    networks: counts.networks,
    swarm: toSwarmFacts(info.Swarm),
  };
}
