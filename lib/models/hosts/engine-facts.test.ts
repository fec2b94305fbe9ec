import { describe, expect, it } from 'vitest';
import { keepSwarmIdentity, toEngineFacts, toSwarmFacts, updateFacts, type EngineFacts } from '@/lib/models/hosts/engine-facts.ts';

// Trimmed but faithful /info and /version payloads from Docker Engine 20.10.24 on Linux.
const INFO_INACTIVE = {
  ID: 'ZV7J:4Y5K:BQ6C:J4GF:EDJE:FP3R:6RWS:5H6B:TOQX:JKYL:4QMI:ZDWU',
  Containers: 7,
  ContainersRunning: 3,
  ContainersPaused: 1,
  ContainersStopped: 3,
  Images: 24,
  Driver: 'overlay2',
  KernelVersion: '5.15.0-91-generic',
  OperatingSystem: 'Ubuntu 22.04.3 LTS',
  OSVersion: '22.04',
  OSType: 'linux',
  Architecture: 'x86_64',
  NCPU: 8,
  MemTotal: 16_663_646_208,
  Name: 'build-01',
  ServerVersion: '20.10.24',
  Swarm: {
    NodeID: '',
    NodeAddr: '',
    LocalNodeState: 'inactive',
    ControlAvailable: false,
    Error: '',
    RemoteManagers: null,
  },
};

const VERSION = {
  Platform: { Name: 'Docker Engine - Community' },
  Version: '20.10.24',
  ApiVersion: '1.41',
  MinAPIVersion: '1.12',
  GitCommit: '5d6db84',
  GoVersion: 'go1.19.7',
  Os: 'linux',
  Arch: 'amd64',
  KernelVersion: '5.15.0-91-generic',
  BuildTime: '2023-04-04T10:29:02.000000000+00:00',
};

const SWARM_MANAGER = {
  NodeID: 'qmbvbfjq4bn6wxoxmxl5ytknb',
  NodeAddr: '10.0.0.11',
  LocalNodeState: 'active',
  ControlAvailable: true,
  Error: '',
  RemoteManagers: [{ NodeID: 'qmbvbfjq4bn6wxoxmxl5ytknb', Addr: '10.0.0.11:2377' }],
  Nodes: 4,
  Managers: 3,
  Cluster: {
    ID: 'x8r0dz3fu9dmqz0iw1tpa3p5k',
    Version: { Index: 10 },
    CreatedAt: '2024-01-02T10:00:00.000000000Z',
    Spec: { Name: 'default' },
  },
};

const SWARM_WORKER = {
  NodeID: 'y1ptj2z6qdtmugxe0c5ysxrqd',
  NodeAddr: '10.0.0.21',
  LocalNodeState: 'active',
  ControlAvailable: false,
  Error: '',
  RemoteManagers: [{ NodeID: 'qmbvbfjq4bn6wxoxmxl5ytknb', Addr: '10.0.0.11:2377' }],
};

describe('engine-facts', () => {
  describe('toSwarmFacts', () => {
    it('maps an inactive node to inactive', () => {
      expect(toSwarmFacts(INFO_INACTIVE.Swarm)).toEqual({ state: 'inactive' });
    });

    it('maps an active manager with cluster id and counts', () => {
      expect(toSwarmFacts(SWARM_MANAGER)).toEqual({
        state: 'active',
        role: 'manager',
        nodeId: 'qmbvbfjq4bn6wxoxmxl5ytknb',
        clusterId: 'x8r0dz3fu9dmqz0iw1tpa3p5k',
        managers: 3,
        nodes: 4,
      });
    });

    it('maps an active worker (no control, no Cluster) with null cluster and counts', () => {
      expect(toSwarmFacts(SWARM_WORKER)).toEqual({
        state: 'active',
        role: 'worker',
        nodeId: 'y1ptj2z6qdtmugxe0c5ysxrqd',
        clusterId: null,
        managers: null,
        nodes: null,
      });
    });

    it('does not report counts for a worker even when the payload carries some', () => {
      const facts = toSwarmFacts({ ...SWARM_WORKER, Managers: 3, Nodes: 4 });
      expect(facts).toMatchObject({ role: 'worker', managers: null, nodes: null });
    });

    it('treats a missing ControlAvailable as a worker when the node is not among the managers it knows', () => {
      const { ControlAvailable: _omit, ...rest } = SWARM_WORKER;
      expect(toSwarmFacts(rest)).toMatchObject({ state: 'active', role: 'worker', managers: null, nodes: null });
    });

    it('keeps a manager without control (electing, or without quorum) a manager: it lists itself among the managers', () => {
      const { Cluster: _cluster, Managers: _m, Nodes: _n, ...rest } = SWARM_MANAGER;
      expect(toSwarmFacts({ ...rest, ControlAvailable: false })).toEqual({ state: 'active', role: 'manager', nodeId: SWARM_MANAGER.NodeID, clusterId: null, managers: null, nodes: null });
    });

    it('gives null counts and cluster for a manager payload without them', () => {
      expect(toSwarmFacts({ LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n1', Cluster: null })).toEqual({
        state: 'active',
        role: 'manager',
        nodeId: 'n1',
        clusterId: null,
        managers: null,
        nodes: null,
      });
    });

    it('gives an empty node id when it is missing on an active node', () => {
      expect(toSwarmFacts({ LocalNodeState: 'active', ControlAvailable: true })).toMatchObject({ nodeId: '' });
    });

    it.each(['pending', 'locked', 'error'] as const)('maps %s to that state alone, with no role or ids', (state) => {
      expect(toSwarmFacts({ ...SWARM_MANAGER, LocalNodeState: state })).toEqual({ state });
    });

    it.each([
      ['a missing Swarm section', undefined],
      ['an empty Swarm section', {}],
      ['an empty state', { LocalNodeState: '' }],
      ['an unknown state', { LocalNodeState: 'bogus' }],
      ['a state in another case', { LocalNodeState: 'Active', ControlAvailable: true }],
    ])('maps %s to inactive', (_label, swarm) => {
      expect(toSwarmFacts(swarm)).toEqual({ state: 'inactive' });
    });
  });

  describe('toEngineFacts', () => {
    it('maps a full Docker 20.10 payload', () => {
      expect(toEngineFacts(INFO_INACTIVE, VERSION, { volumes: 5, networks: 4 })).toEqual({
        name: 'build-01',
        engineId: 'ZV7J:4Y5K:BQ6C:J4GF:EDJE:FP3R:6RWS:5H6B:TOQX:JKYL:4QMI:ZDWU',
        engineVersion: '20.10.24',
        apiVersion: '1.41',
        os: 'Ubuntu 22.04.3 LTS',
        osType: 'linux',
        kernel: '5.15.0-91-generic',
        architecture: 'x86_64',
        cpus: 8,
        memoryBytes: 16_663_646_208,
        containers: { total: 7, running: 3, paused: 1, stopped: 3 },
        images: 24,
        volumes: 5,
        networks: 4,
        swarm: { state: 'inactive' },
      });
    });

    it('carries the swarm facts of a manager', () => {
      expect(toEngineFacts({ ...INFO_INACTIVE, Swarm: SWARM_MANAGER }, VERSION, { volumes: 0, networks: 0 }).swarm).toMatchObject({ state: 'active', role: 'manager', managers: 3 });
    });

    it('prefers /info for architecture and /version for the engine version', () => {
      const facts = toEngineFacts({ ...INFO_INACTIVE, ServerVersion: '20.10.23' }, VERSION, { volumes: 0, networks: 0 });
      expect(facts.architecture).toBe('x86_64');
      expect(facts.engineVersion).toBe('20.10.24');
    });

    it('falls back to /version for OS type, kernel and architecture, and to ServerVersion for the version', () => {
      const { OSType: _a, KernelVersion: _b, Architecture: _c, ...info } = INFO_INACTIVE;
      const facts = toEngineFacts(info, { ApiVersion: '1.41', Os: 'linux', Arch: 'arm64', KernelVersion: '6.1.0' }, { volumes: 0, networks: 0 });
      expect(facts).toMatchObject({ osType: 'linux', kernel: '6.1.0', architecture: 'arm64', engineVersion: '20.10.24' });
    });

    it('computes stopped containers when ContainersStopped is absent', () => {
      const { ContainersStopped: _omit, ...info } = INFO_INACTIVE;
      expect(toEngineFacts(info, VERSION, { volumes: 0, networks: 0 }).containers).toEqual({ total: 7, running: 3, paused: 1, stopped: 3 });
    });

    it('never computes a negative stopped count from inconsistent counts', () => {
      const facts = toEngineFacts({ Containers: 2, ContainersRunning: 3, ContainersPaused: 1 }, {}, { volumes: 0, networks: 0 });
      expect(facts.containers.stopped).toBe(0);
    });

    it('keeps an explicit ContainersStopped of 0', () => {
      const facts = toEngineFacts({ Containers: 4, ContainersRunning: 1, ContainersPaused: 0, ContainersStopped: 0 }, {}, { volumes: 0, networks: 0 });
      expect(facts.containers.stopped).toBe(0);
    });

    it('defaults every missing field to an empty string, zero or inactive', () => {
      expect(toEngineFacts({}, {}, { volumes: 0, networks: 0 })).toEqual({
        name: '',
        engineId: '',
        engineVersion: '',
        apiVersion: '',
        os: '',
        osType: '',
        kernel: '',
        architecture: '',
        cpus: 0,
        memoryBytes: 0,
        containers: { total: 0, running: 0, paused: 0, stopped: 0 },
        images: 0,
        volumes: 0,
        networks: 0,
        swarm: { state: 'inactive' },
      });
    });

    it('takes volume and network counts from the caller', () => {
      expect(toEngineFacts({}, {}, { volumes: 12, networks: 3 })).toMatchObject({ volumes: 12, networks: 3 });
    });
  });
});

describe('updateFacts', () => {
  const previous = toEngineFacts(
    { Name: 'lab-1', ID: 'X', NCPU: 2, MemTotal: 1024, Containers: 1, ContainersRunning: 1, Images: 1, OSType: 'linux', Swarm: { LocalNodeState: 'inactive' } },
    { Version: '20.10.24', ApiVersion: '1.41' },
    { volumes: 2, networks: 3 },
  );

  it('takes new container and image counts from /info and keeps the version and other counts', () => {
    const next = updateFacts(previous, { info: { Name: 'lab-1', ID: 'X', NCPU: 2, MemTotal: 1024, Containers: 3, ContainersRunning: 2, ContainersStopped: 1, Images: 4, OSType: 'linux', Swarm: { LocalNodeState: 'inactive' } } });
    expect(next.containers).toEqual({ total: 3, running: 2, paused: 0, stopped: 1 });
    expect(next.images).toBe(4);
    expect(next).toMatchObject({ engineVersion: '20.10.24', apiVersion: '1.41', volumes: 2, networks: 3 });
  });

  it('changes only the counts it is given', () => {
    expect(updateFacts(previous, { volumes: 5 })).toEqual({ ...previous, volumes: 5 });
    expect(updateFacts(previous, { networks: 0 })).toEqual({ ...previous, networks: 0 });
    expect(updateFacts(previous, {})).toEqual(previous);
  });

  describe('keepSwarmIdentity', () => {
    const facts = (swarm: EngineFacts['swarm']) => ({ ...toEngineFacts({ Swarm: SWARM_WORKER }, {}, { volumes: 0, networks: 0 }), swarm });
    const manager = (clusterId: string | null, nodeId = 'n1') => facts({ state: 'active', role: 'manager', nodeId, clusterId, managers: clusterId ? 3 : null, nodes: clusterId ? 3 : null });

    it('keeps the cluster id of a manager read without control, under the same node id', () => {
      expect(keepSwarmIdentity(manager('c1'), manager(null)).swarm).toMatchObject({ role: 'manager', clusterId: 'c1' });
    });

    it('takes the new facts as read otherwise: another node id, a worker, a swarm left, a new cluster id, nothing before', () => {
      expect(keepSwarmIdentity(manager('c1'), manager(null, 'n2')).swarm).toMatchObject({ clusterId: null });
      const worker = facts({ state: 'active', role: 'worker', nodeId: 'n1', clusterId: null, managers: null, nodes: null });
      expect(keepSwarmIdentity(manager('c1'), worker).swarm).toMatchObject({ role: 'worker', clusterId: null });
      expect(keepSwarmIdentity(manager('c1'), facts({ state: 'inactive' })).swarm).toEqual({ state: 'inactive' });
      expect(keepSwarmIdentity(manager('c1'), manager('c2')).swarm).toMatchObject({ clusterId: 'c2' });
      expect(keepSwarmIdentity(null, manager(null)).swarm).toMatchObject({ clusterId: null });
    });
  });
});
