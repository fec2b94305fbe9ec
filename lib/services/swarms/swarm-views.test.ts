// Swarm, node and task views from API-shaped fixtures; settings written back into a spec and read again.
import crypto from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { applySettings, countRunningTasks, mapNodesToHosts, toNodeView, toSwarmView, toTaskView, type SwarmSettings, type TaskView } from '@/lib/services/swarms/swarm-views.ts';

const webcrypto = crypto.webcrypto as unknown as Crypto;
x509.cryptoProvider.set(webcrypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const CA_NOT_AFTER = new Date('2046-03-01T12:00:00Z');

/** A swarm root CA as swarmkit makes them: self-signed, CN=swarm-ca. */
async function swarmCaPem(notAfter: Date): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '3c',
    name: 'CN=swarm-ca',
    keys,
    signingAlgorithm: ALG,
    notBefore: new Date('2026-03-06T12:00:00Z'),
    notAfter,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  return cert.toString('pem');
}

let trustRoot: string;
beforeAll(async () => {
  trustRoot = await swarmCaPem(CA_NOT_AFTER);
});

// ---- Nodes, as GET /nodes returns them on the lab (API 1.41).

const LEADER = {
  ID: 'k2bqz0rxv6qjxk5wqhp3c5m1a',
  Version: { Index: 1042 },
  CreatedAt: '2026-05-01T10:00:00.123456789Z',
  UpdatedAt: '2026-05-03T08:15:42.5Z',
  Spec: { Labels: { zone: 'a', 'com.example.ssd': 'true' }, Role: 'manager', Availability: 'active' },
  Description: {
    Hostname: 'lab-1',
    Platform: { Architecture: 'x86_64', OS: 'linux' },
    Resources: { NanoCPUs: 4_000_000_000, MemoryBytes: 8_254_271_488 },
    Engine: { EngineVersion: '24.0.7', Plugins: [{ Type: 'Network', Name: 'overlay' }] },
    TLSInfo: { TrustRoot: '…' },
  },
  // A manager initialised with --advertise-addr on an interface reports 0.0.0.0 here.
  Status: { State: 'ready', Addr: '0.0.0.0' },
  ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.99.0.11:2377' },
};

const UNREACHABLE_MANAGER = {
  ID: 'p9d0hr3yq1m8c4t7v2n5x6w0e',
  Version: { Index: 1050 },
  CreatedAt: '2026-05-01T10:05:00Z',
  UpdatedAt: '2026-05-03T09:00:00Z',
  Spec: { Labels: {}, Role: 'manager', Availability: 'drain' },
  Description: { Hostname: 'lab-3', Platform: { Architecture: 'aarch64', OS: 'linux' }, Resources: { NanoCPUs: 2_500_000_000, MemoryBytes: 4_000_000_000 }, Engine: { EngineVersion: '25.0.3' } },
  Status: { State: 'down', Message: 'heartbeat failure for node in "unknown" state', Addr: '10.99.0.13' },
  ManagerStatus: { Reachability: 'unreachable', Addr: '10.99.0.13:2377' },
};

const WORKER = {
  ID: 'a1b2c3d4e5f6g7h8i9j0k1l2m',
  Version: { Index: 1001 },
  CreatedAt: '2026-05-02T11:00:00Z',
  UpdatedAt: '2026-05-02T11:00:05Z',
  Spec: { Name: 'edge', Labels: { zone: 'b' }, Role: 'worker', Availability: 'pause' },
  Description: { Hostname: 'lab-2', Platform: { Architecture: 'x86_64', OS: 'linux' }, Resources: { NanoCPUs: 1_000_000_000, MemoryBytes: 2_000_000_000 }, Engine: { EngineVersion: '24.0.7' } },
  Status: { State: 'ready', Addr: '10.99.0.12' },
};

const EXTRAS = { runningTasks: 3, hostId: 'host_lab1' };

describe('toNodeView', () => {
  it('maps the leader, whose Status.Addr is 0.0.0.0, to its raft address without the port', () => {
    expect(toNodeView(LEADER, EXTRAS)).toEqual({
      id: 'k2bqz0rxv6qjxk5wqhp3c5m1a',
      hostname: 'lab-1',
      role: 'manager',
      availability: 'active',
      state: 'ready',
      stateMessage: null,
      managerStatus: 'leader',
      engineVersion: '24.0.7',
      address: '10.99.0.11',
      cpus: 4,
      memoryBytes: 8_254_271_488,
      os: 'linux',
      architecture: 'x86_64',
      labels: { zone: 'a', 'com.example.ssd': 'true' },
      runningTasks: 3,
      hostId: 'host_lab1',
      createdAt: '2026-05-01T10:00:00.123456789Z',
      updatedAt: '2026-05-03T08:15:42.5Z',
      version: 1042,
    });
  });

  it('maps an unreachable, down, drained manager with its status message', () => {
    expect(toNodeView(UNREACHABLE_MANAGER, { runningTasks: 0, hostId: null })).toMatchObject({
      hostname: 'lab-3',
      role: 'manager',
      availability: 'drain',
      state: 'down',
      stateMessage: 'heartbeat failure for node in "unknown" state',
      managerStatus: 'unreachable',
      engineVersion: '25.0.3',
      address: '10.99.0.13',
      cpus: 2.5,
      architecture: 'aarch64',
      labels: {},
      hostId: null,
      version: 1050,
    });
  });

  it('maps a paused worker: no manager status, its own address', () => {
    expect(toNodeView(WORKER, { runningTasks: 0, hostId: null })).toMatchObject({
      hostname: 'lab-2',
      role: 'worker',
      availability: 'pause',
      state: 'ready',
      managerStatus: null,
      address: '10.99.0.12',
      cpus: 1,
      labels: { zone: 'b' },
    });
  });

  it('keeps the reported address when it is a real one, even for managers', () => {
    const node = { ...LEADER, Status: { State: 'ready', Addr: '10.99.0.11' }, ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '192.168.5.5:2377' } };
    expect(toNodeView(node, EXTRAS).address).toBe('10.99.0.11');
  });

  it('strips the port from a bracketed IPv6 raft address', () => {
    const node = { ...LEADER, ManagerStatus: { Reachability: 'reachable', Addr: '[fd00:99::11]:2377' } };
    expect(toNodeView(node, EXTRAS).address).toBe('fd00:99::11');
  });

  it('a 0.0.0.0 worker (no raft address) keeps 0.0.0.0', () => {
    expect(toNodeView({ ...WORKER, Status: { State: 'ready', Addr: '0.0.0.0' } }, EXTRAS).address).toBe('0.0.0.0');
  });

  it.each([
    [{ Reachability: 'reachable' }, 'reachable'],
    [{ Reachability: 'unreachable' }, 'unreachable'],
    [{ Reachability: 'unknown' }, 'unknown'],
    [{ Reachability: 'bogus' }, 'unknown'],
    [{}, 'unknown'],
    [{ Leader: true, Reachability: 'reachable' }, 'leader'],
    [{ Leader: false, Reachability: 'reachable' }, 'reachable'],
  ])('manager status %j → %s', (status, expected) => {
    expect(toNodeView({ ...LEADER, ManagerStatus: { Addr: '10.99.0.11:2377', ...status } }, EXTRAS).managerStatus).toBe(expected);
  });

  it('being demoted: the desired role (Spec.Role) wins over a lingering ManagerStatus', () => {
    expect(toNodeView({ ...LEADER, Spec: { ...LEADER.Spec, Role: 'worker' } }, EXTRAS).role).toBe('worker');
  });

  it('without Spec.Role, ManagerStatus tells the role', () => {
    expect(toNodeView({ ...LEADER, Spec: {} }, EXTRAS).role).toBe('manager');
    expect(toNodeView({ ...WORKER, Spec: {} }, EXTRAS).role).toBe('worker');
  });

  it('falls back to Spec.Name, then the short id, for the hostname', () => {
    expect(toNodeView({ ...WORKER, Description: {} }, EXTRAS).hostname).toBe('edge');
    expect(toNodeView({ ID: 'a1b2c3d4e5f6g7h8i9j0k1l2m' }, EXTRAS).hostname).toBe('a1b2c3d4e5f6');
  });

  it('drops labels that are not strings and unknown enum values', () => {
    const view = toNodeView({ ...WORKER, Spec: { Labels: { ok: 'yes', n: 3, o: {} }, Role: 'boss', Availability: 'sleep' }, Status: { State: 'melting', Message: '   ' } }, EXTRAS);
    expect(view).toMatchObject({ labels: { ok: 'yes' }, role: 'worker', availability: 'active', state: 'unknown', stateMessage: null });
  });

  it.each([null, undefined, 42, 'node', [], { Spec: null, Description: 'x', Status: 7, ManagerStatus: null, Version: 'x' }])('tolerates %j', (junk) => {
    expect(toNodeView(junk, { runningTasks: 0, hostId: null })).toEqual({
      id: '',
      hostname: '',
      role: 'worker',
      availability: 'active',
      state: 'unknown',
      stateMessage: null,
      managerStatus: null,
      engineVersion: '',
      address: '',
      cpus: 0,
      memoryBytes: 0,
      os: '',
      architecture: '',
      labels: {},
      runningTasks: 0,
      hostId: null,
      createdAt: '',
      updatedAt: '',
      version: 0,
    });
  });
});

// ---- The swarm, as GET /swarm returns it.

function swarmFixture(root: string) {
  return {
    ID: 'r8pe7kd3n5bq0x1z9y4v6u2ta',
    CreatedAt: '2026-03-06T12:00:00.5Z',
    UpdatedAt: '2026-05-03T08:00:00Z',
    Version: { Index: 2001 },
    Spec: {
      Name: 'default',
      Labels: { owner: 'ops' },
      Orchestration: { TaskHistoryRetentionLimit: 5 },
      Raft: { SnapshotInterval: 10000, KeepOldSnapshots: 0, LogEntriesForSlowFollowers: 500, ElectionTick: 10, HeartbeatTick: 1 },
      Dispatcher: { HeartbeatPeriod: 5_000_000_000 },
      CAConfig: { NodeCertExpiry: 7_776_000_000_000_000, ExternalCAs: [{ Protocol: 'cfssl', URL: 'https://ca.example:8888' }] },
      TaskDefaults: { LogDriver: { Name: 'json-file', Options: { 'max-size': '10m' } } },
      EncryptionConfig: { AutoLockManagers: false },
    },
    TLSInfo: { TrustRoot: root, CertIssuerSubject: 'MBMxETAPBgNVBAMTCHN3YXJtLWNh', CertIssuerPublicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' },
    RootRotationInProgress: false,
    DefaultAddrPool: ['10.0.0.0/8'],
    SubnetSize: 24,
    DataPathPort: 4789,
    JoinTokens: { Worker: 'SWMTKN-1-worker', Manager: 'SWMTKN-1-manager' },
  };
}

const DEFAULT_SETTINGS: SwarmSettings = {
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

describe('toSwarmView', () => {
  it('maps the swarm, its settings in seconds and hours, and the CA expiry from the trust root', () => {
    expect(toSwarmView(swarmFixture(trustRoot))).toEqual({
      id: 'r8pe7kd3n5bq0x1z9y4v6u2ta',
      name: 'default',
      createdAt: '2026-03-06T12:00:00.5Z',
      updatedAt: '2026-05-03T08:00:00Z',
      version: 2001,
      defaultAddrPool: ['10.0.0.0/8'],
      subnetSize: 24,
      dataPathPort: 4789,
      rootRotationInProgress: false,
      caCertExpiresAt: '2046-03-01T12:00:00.000Z',
      settings: DEFAULT_SETTINGS,
    });
  });

  it('custom pools, ports, a root rotation and autolock', () => {
    const swarm = swarmFixture(trustRoot);
    const view = toSwarmView({
      ...swarm,
      DefaultAddrPool: ['10.20.0.0/16', '10.30.0.0/16', 7],
      SubnetSize: 26,
      DataPathPort: 7789,
      RootRotationInProgress: true,
      Spec: { ...swarm.Spec, EncryptionConfig: { AutoLockManagers: true } },
    });
    expect(view).toMatchObject({ defaultAddrPool: ['10.20.0.0/16', '10.30.0.0/16'], subnetSize: 26, dataPathPort: 7789, rootRotationInProgress: true, settings: { autolock: true } });
  });

  it('reads the first certificate of a trust root holding two (during a root rotation)', async () => {
    const next = await swarmCaPem(new Date('2050-01-01T00:00:00Z'));
    expect(toSwarmView(swarmFixture(`${trustRoot}\n${next}`)).caCertExpiresAt).toBe('2046-03-01T12:00:00.000Z');
  });

  it.each([
    ['garbage', 'not a certificate'],
    ['a PEM frame around junk', '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n'],
    ['an empty string', ''],
    ['a number', 42],
    ['nothing', undefined],
  ])('an unreadable trust root (%s): no expiry', (_label, root) => {
    expect(toSwarmView(swarmFixture(root as string)).caCertExpiresAt).toBeNull();
  });

  it('a cut-off certificate: no expiry', () => {
    const cut = trustRoot.slice(0, 120) + '\n-----END CERTIFICATE-----\n';
    expect(toSwarmView(swarmFixture(cut)).caCertExpiresAt).toBeNull();
  });

  it('fills in what older engines leave out with the engine defaults', () => {
    expect(toSwarmView({ ID: 'x', Spec: { Name: 'default' } })).toEqual({
      id: 'x',
      name: 'default',
      createdAt: '',
      updatedAt: '',
      version: 0,
      defaultAddrPool: ['10.0.0.0/8'],
      subnetSize: 24,
      dataPathPort: 4789,
      rootRotationInProgress: false,
      caCertExpiresAt: null,
      settings: DEFAULT_SETTINGS,
    });
  });

  it.each([null, undefined, 'swarm', 0, [], { Spec: 'x', TLSInfo: null, DefaultAddrPool: 'x' }])('tolerates %j', (junk) => {
    expect(toSwarmView(junk)).toMatchObject({ id: '', name: '', caCertExpiresAt: null, settings: DEFAULT_SETTINGS });
  });
});

describe('applySettings', () => {
  const ALL: SwarmSettings = {
    taskHistoryLimit: 10,
    snapshotInterval: 20000,
    keepOldSnapshots: 2,
    logEntriesForSlowFollowers: 1000,
    electionTick: 20,
    heartbeatTick: 2,
    dispatcherHeartbeatSeconds: 2.5,
    nodeCertExpiryHours: 720,
    autolock: true,
  };

  it('round-trips every setting through toSwarmView', () => {
    const swarm = swarmFixture(trustRoot);
    const spec = applySettings(swarm.Spec, ALL);
    expect(toSwarmView({ ...swarm, Spec: spec }).settings).toEqual(ALL);
  });

  it('writes nanoseconds the engine accepts: whole numbers', () => {
    const spec = applySettings(swarmFixture(trustRoot).Spec, { dispatcherHeartbeatSeconds: 2.5, nodeCertExpiryHours: 720 }) as {
      Dispatcher: { HeartbeatPeriod: number };
      CAConfig: { NodeCertExpiry: number };
    };
    expect(spec.Dispatcher.HeartbeatPeriod).toBe(2_500_000_000);
    expect(spec.CAConfig.NodeCertExpiry).toBe(2_592_000_000_000_000);
    const fine = applySettings({}, { dispatcherHeartbeatSeconds: 0.1, nodeCertExpiryHours: 8760 }) as typeof spec;
    expect(Number.isInteger(fine.Dispatcher.HeartbeatPeriod)).toBe(true);
    expect(fine.Dispatcher.HeartbeatPeriod).toBe(100_000_000);
    expect(fine.CAConfig.NodeCertExpiry).toBe(31_536_000_000_000_000);
  });

  it('changes only what it is given, and keeps every unrelated field', () => {
    const swarm = swarmFixture(trustRoot);
    const spec = applySettings(swarm.Spec, { electionTick: 30 });
    expect(spec).toEqual({ ...swarm.Spec, Raft: { ...swarm.Spec.Raft, ElectionTick: 30 } });
    expect(toSwarmView({ ...swarm, Spec: spec }).settings).toEqual({ ...DEFAULT_SETTINGS, electionTick: 30 });
  });

  it('an empty change gives back an equal spec', () => {
    const swarm = swarmFixture(trustRoot);
    expect(applySettings(swarm.Spec, {})).toEqual(swarm.Spec);
  });

  it('does not touch the spec it is given', () => {
    const swarm = swarmFixture(trustRoot);
    const before = structuredClone(swarm.Spec);
    const next = applySettings(swarm.Spec, ALL);
    expect(swarm.Spec).toEqual(before);
    expect(next).not.toBe(swarm.Spec);
    expect(next.CAConfig).not.toBe(swarm.Spec.CAConfig);
    expect(next.TaskDefaults).not.toBe(swarm.Spec.TaskDefaults);
  });

  it('creates the sections an engine left out', () => {
    expect(applySettings({ Name: 'default' }, { autolock: true, taskHistoryLimit: 0 })).toEqual({
      Name: 'default',
      EncryptionConfig: { AutoLockManagers: true },
      Orchestration: { TaskHistoryRetentionLimit: 0 },
    });
    expect(applySettings({ Raft: null }, { heartbeatTick: 3 })).toEqual({ Raft: { HeartbeatTick: 3 } });
  });

  it('turning autolock off writes false, not nothing', () => {
    const spec = applySettings({ EncryptionConfig: { AutoLockManagers: true } }, { autolock: false });
    expect(spec).toEqual({ EncryptionConfig: { AutoLockManagers: false } });
  });

  it.each([
    [{ electionTick: -1 }, /electionTick must be a whole number/],
    [{ heartbeatTick: 1.5 }, /heartbeatTick must be a whole number/],
    [{ taskHistoryLimit: Number.NaN }, /taskHistoryLimit/],
    [{ snapshotInterval: Infinity }, /snapshotInterval/],
    [{ dispatcherHeartbeatSeconds: 0 }, /dispatcherHeartbeatSeconds must be a positive number/],
    [{ nodeCertExpiryHours: -24 }, /nodeCertExpiryHours must be a positive number/],
    [{ nodeCertExpiryHours: Number.NaN }, /nodeCertExpiryHours/],
  ] as [Partial<SwarmSettings>, RegExp][])('refuses %j', (settings, message) => {
    expect(() => applySettings(swarmFixture('x').Spec, settings)).toThrow(message);
  });
});

// ---- Tasks, as GET /tasks returns them.

const SERVICE_NAMES = new Map([
  ['svc-web-0000000000000000001', 'web'],
  ['svc-api-0000000000000000002', 'api'],
]);

const RUNNING = {
  ID: 'tsk-running-0000000000000001',
  Version: { Index: 300 },
  CreatedAt: '2026-05-03T08:00:00Z',
  UpdatedAt: '2026-05-03T08:00:05.25Z',
  ServiceID: 'svc-web-0000000000000000001',
  NodeID: 'k2bqz0rxv6qjxk5wqhp3c5m1a',
  Slot: 2,
  Spec: { ContainerSpec: { Image: 'nginx:1.25@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac' }, Placement: {} },
  Status: { Timestamp: '2026-05-03T08:00:05Z', State: 'running', Message: 'started', ContainerStatus: { ContainerID: 'c0ffee', PID: 4242, ExitCode: 0 } },
  DesiredState: 'running',
};

const PENDING = {
  ID: 'tsk-pending-0000000000000002',
  UpdatedAt: '2026-05-03T08:01:00Z',
  ServiceID: 'svc-api-0000000000000000002',
  Slot: 1,
  Spec: { ContainerSpec: { Image: 'registry.example:5000/team/api:2.1' }, Placement: { Constraints: ['node.labels.gpu==true'] } },
  Status: { Timestamp: '2026-05-03T08:01:00Z', State: 'pending', Message: 'pending task scheduling', Err: 'no suitable node (scheduling constraints not satisfied on 3 nodes)' },
  DesiredState: 'running',
};

const FAILED = {
  ID: 'tsk-failed-00000000000000003',
  UpdatedAt: '2026-05-03T07:59:00Z',
  ServiceID: 'svc-gone-000000000000000009',
  NodeID: 'a1b2c3d4e5f6g7h8i9j0k1l2m',
  Slot: 1,
  Spec: { ContainerSpec: { Image: 'busybox@sha256:abcdef' } },
  Status: { Timestamp: '2026-05-03T07:58:59Z', State: 'failed', Message: 'started', Err: 'task: non-zero exit (1)', ContainerStatus: { ContainerID: 'dead', ExitCode: 1 } },
  DesiredState: 'shutdown',
};

const GLOBAL_SHUTDOWN = {
  ID: 'tsk-global-00000000000000004',
  UpdatedAt: '2026-05-03T07:00:00Z',
  ServiceID: 'svc-web-0000000000000000001',
  NodeID: 'a1b2c3d4e5f6g7h8i9j0k1l2m',
  Spec: { ContainerSpec: { Image: 'nginx:1.25' } },
  Status: { Timestamp: '2026-05-03T07:00:00Z', State: 'shutdown', Message: 'shutdown', ContainerStatus: { ContainerID: 'old', ExitCode: 0 } },
  DesiredState: 'shutdown',
};

describe('toTaskView', () => {
  it('a running replica: the digest dropped, no exit code while it runs', () => {
    expect(toTaskView(RUNNING, SERVICE_NAMES)).toEqual({
      id: 'tsk-running-0000000000000001',
      serviceId: 'svc-web-0000000000000000001',
      serviceName: 'web',
      slot: 2,
      nodeId: 'k2bqz0rxv6qjxk5wqhp3c5m1a',
      image: 'nginx:1.25',
      state: 'running',
      desiredState: 'running',
      message: 'started',
      error: null,
      exitCode: null,
      updatedAt: '2026-05-03T08:00:05.25Z',
    });
  });

  it('a pending task: no node yet, the scheduler\'s reason as the error, a registry port kept in the image', () => {
    expect(toTaskView(PENDING, SERVICE_NAMES)).toMatchObject({
      serviceName: 'api',
      nodeId: null,
      image: 'registry.example:5000/team/api:2.1',
      state: 'pending',
      error: 'no suitable node (scheduling constraints not satisfied on 3 nodes)',
      exitCode: null,
    });
  });

  it('a failed task of a removed service: exit code kept, the short service id as its name', () => {
    expect(toTaskView(FAILED, SERVICE_NAMES)).toMatchObject({ serviceName: 'svc-gone-000', image: 'busybox', state: 'failed', error: 'task: non-zero exit (1)', exitCode: 1 });
  });

  it('a global task: no slot; a clean shutdown keeps exit code 0', () => {
    expect(toTaskView(GLOBAL_SHUTDOWN, SERVICE_NAMES)).toMatchObject({ slot: null, exitCode: 0, state: 'shutdown', desiredState: 'shutdown' });
  });

  it('falls back to the status time when UpdatedAt is missing', () => {
    const { UpdatedAt: _dropped, ...task } = RUNNING;
    expect(toTaskView(task, SERVICE_NAMES).updatedAt).toBe('2026-05-03T08:00:05Z');
  });

  it.each([0, -1, 1.5, '2'])('slot %j is no slot', (slot) => {
    expect(toTaskView({ ...RUNNING, Slot: slot }, SERVICE_NAMES).slot).toBeNull();
  });

  it.each([null, undefined, 'task', 7, [], { Spec: 'x', Status: null, ServiceID: 9 }])('tolerates %j', (junk) => {
    expect(toTaskView(junk, SERVICE_NAMES)).toEqual({
      id: '',
      serviceId: '',
      serviceName: '',
      slot: null,
      nodeId: null,
      image: '',
      state: 'unknown',
      desiredState: 'unknown',
      message: '',
      error: null,
      exitCode: null,
      updatedAt: '',
    });
  });
});

describe('countRunningTasks', () => {
  const task = (nodeId: string | null, state: string, desiredState = 'running'): TaskView => ({ ...toTaskView(RUNNING, SERVICE_NAMES), nodeId, state, desiredState });

  it('counts running tasks that should keep running, per node', () => {
    const counts = countRunningTasks([
      task('n1', 'running'),
      task('n1', 'running'),
      task('n2', 'running'),
      task('n2', 'running', 'shutdown'),
      task('n2', 'starting'),
      task('n3', 'failed'),
      task(null, 'running'),
    ]);
    expect([...counts]).toEqual([
      ['n1', 2],
      ['n2', 1],
    ]);
  });

  it('no tasks: an empty map', () => {
    expect(countRunningTasks([]).size).toBe(0);
  });
});

describe('mapNodesToHosts', () => {
  it('ties each node to the registered host that runs it', () => {
    const map = mapNodesToHosts(
      [{ id: 'n1' }, { id: 'n2' }, { id: 'n3' }],
      [
        { id: 'h1', nodeId: 'n1' },
        { id: 'h2', nodeId: null },
        { id: 'h3', nodeId: 'n3' },
        { id: 'h4', nodeId: 'n-other-swarm' },
      ],
    );
    expect([...map]).toEqual([
      ['n1', 'h1'],
      ['n3', 'h3'],
    ]);
  });

  it('the same engine registered twice: the first host listed wins', () => {
    const map = mapNodesToHosts([{ id: 'n1' }], [
      { id: 'h1', nodeId: 'n1' },
      { id: 'h1-again', nodeId: 'n1' },
    ]);
    expect(map.get('n1')).toBe('h1');
  });

  it('nothing to map', () => {
    expect(mapNodesToHosts([], [{ id: 'h1', nodeId: 'n1' }]).size).toBe(0);
    expect(mapNodesToHosts([{ id: 'n1' }], []).size).toBe(0);
  });
});
