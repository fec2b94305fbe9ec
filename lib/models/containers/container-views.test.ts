import { describe, expect, it } from 'vitest';
import {
  actionsFor, containerName, envEntries, filterChoices, filterContainers, formatPorts, healthOf, MASK, maskInspect, sortContainers, toContainerDetail, toContainerRow, type ContainerRow, type RawContainer,
} from './container-views.ts';

const host = { hostId: 'h1', hostName: 'lab-1' };
const raw = (over: Partial<RawContainer> = {}): RawContainer => ({ Id: 'a'.repeat(64), Names: ['/web'], Image: 'nginx:1', Created: 1_700_000_000, State: 'running', Status: 'Up 2 minutes', Ports: [], Labels: {}, ...over });

describe('list rows', () => {
  it('maps a container with stack, service, health and ports', () => {
    const row = toContainerRow(
      raw({
        Status: 'Up 5 minutes (healthy)',
        Labels: { 'com.docker.stack.namespace': 'shop', 'com.docker.swarm.service.name': 'shop_web' },
        Ports: [
          { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { PrivatePort: 443, Type: 'tcp' },
        ],
      }),
      host,
    );
    expect(row).toMatchObject({ key: `h1/${'a'.repeat(64)}`, name: 'web', hostName: 'lab-1', stack: 'shop', service: 'shop_web', health: 'healthy', state: 'running', createdAt: '2023-11-14T22:13:20.000Z' });
    expect(row.ports).toEqual(['0.0.0.0:8080->80/tcp', '443/tcp']);
  });

  it('names: prefers the plain name over link aliases, falls back to the short id', () => {
    expect(containerName({ Id: 'x', Names: ['/other/alias', '/db'] })).toBe('db');
    expect(containerName({ Id: 'b'.repeat(64), Names: [] })).toBe('b'.repeat(12));
    expect(containerName({ Id: 'c'.repeat(64), Names: null })).toBe('c'.repeat(12));
  });

  it('reads health from the status text', () => {
    expect(healthOf('Up 1 minute (unhealthy)')).toBe('unhealthy');
    expect(healthOf('Up 3 seconds (health: starting)')).toBe('starting');
    expect(healthOf('Exited (0) 3 hours ago')).toBeNull();
  });

  it('keeps ports bound to one address', () => {
    expect(formatPorts([{ IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' }])).toEqual(['127.0.0.1:5353->53/udp']);
    expect(formatPorts(null)).toEqual([]);
  });

  it('a compose project counts as the stack when there is no swarm stack', () => {
    expect(toContainerRow(raw({ Labels: { 'com.docker.compose.project': 'blog' } }), host).stack).toBe('blog');
    expect(toContainerRow(raw({ Labels: null, Created: undefined }), host)).toMatchObject({ stack: null, service: null, createdAt: null });
  });
});

const row = (name: string, over: Partial<ContainerRow> = {}): ContainerRow => ({ ...toContainerRow(raw({ Id: name.padEnd(12, '0'), Names: [`/${name}`] }), host), ...over });

describe('filters and sorts', () => {
  const rows = [
    row('web-1', { hostId: 'h1', hostName: 'lab-1', state: 'running', stack: 'shop', service: 'shop_web', image: 'nginx:1' }),
    row('web-10', { hostId: 'h2', hostName: 'lab-2', state: 'exited', stack: 'shop', service: 'shop_web', image: 'nginx:1', createdAt: '2024-01-01T00:00:00.000Z' }),
    row('web-2', { hostId: 'h2', hostName: 'lab-2', state: 'running', stack: null, service: null, image: 'busybox', createdAt: '2025-01-01T00:00:00.000Z' }),
    row('db', { hostId: 'h3', hostName: 'lab-3', state: 'paused', stack: 'data', service: null, image: 'postgres:16', createdAt: '2020-01-01T00:00:00.000Z' }),
  ];
  it('filters by host, state, stack (or none), and by text in service, image and name', () => {
    const names = (f: Parameters<typeof filterContainers>[1]) => filterContainers(rows, f).map((r) => r.name);
    expect(names({ host: 'h2' })).toEqual(['web-10', 'web-2']);
    expect(names({ state: 'running' })).toEqual(['web-1', 'web-2']);
    expect(names({ stack: 'shop' })).toEqual(['web-1', 'web-10']);
    expect(names({ stack: '-' })).toEqual(['web-2']);
    expect(names({ service: 'WEB' })).toEqual(['web-1', 'web-10']);
    expect(names({ image: 'post' })).toEqual(['db']);
    expect(names({ name: ' web-1 ' })).toEqual(['web-1', 'web-10']);
    expect(names({ host: 'h2', state: 'running', name: 'web' })).toEqual(['web-2']);
    expect(names({})).toHaveLength(4);
  });
  it('sorts naturally, both ways, with stable ties', () => {
    expect(sortContainers(rows, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['db', 'web-1', 'web-2', 'web-10']);
    expect(sortContainers(rows, { key: 'name', dir: 'desc' }).map((r) => r.name)).toEqual(['web-10', 'web-2', 'web-1', 'db']);
    expect(sortContainers(rows, { key: 'host', dir: 'asc' }).map((r) => r.name)).toEqual(['web-1', 'web-2', 'web-10', 'db']);
    expect(sortContainers(rows, { key: 'created', dir: 'desc' }).map((r) => r.name)[0]).toBe('web-2');
    expect(sortContainers(rows, { key: 'stack', dir: 'asc' }).map((r) => r.name)).toEqual(['web-2', 'db', 'web-1', 'web-10']);
  });
  it('does not change its input', () => {
    const before = rows.map((r) => r.name);
    sortContainers(rows, { key: 'name', dir: 'desc' });
    expect(rows.map((r) => r.name)).toEqual(before);
  });
  it('offers the states and stacks present', () => {
    expect(filterChoices(rows)).toEqual({ states: ['exited', 'paused', 'running'], stacks: ['data', 'shop'] });
  });
  it('offers the actions a state allows', () => {
    expect(actionsFor('running')).toEqual(['stop', 'restart', 'kill', 'pause']);
    expect(actionsFor('paused')).toEqual(['unpause', 'kill']);
    expect(actionsFor('exited')).toEqual(['start']);
    expect(actionsFor('created')).toEqual(['start']);
  });
});

describe('detail', () => {
  const inspect = {
    Id: 'd'.repeat(64),
    Name: '/api',
    Image: 'sha256:' + 'e'.repeat(64),
    Created: '2025-05-01T10:00:00.000Z',
    RestartCount: 2,
    State: { Status: 'running', Running: true, Paused: false, ExitCode: 0, StartedAt: '2025-05-01T10:00:01Z', FinishedAt: '0001-01-01T00:00:00Z', Health: { Status: 'unhealthy', FailingStreak: 3, Log: [{ Start: 's', End: 'e', ExitCode: 1, Output: 'boom' }] } },
    Config: { Image: 'app:2', Env: ['PASSWORD=hunter2', 'URL=postgres://u:p@db/x?a=b', 'EMPTY'], Cmd: ['serve'], Entrypoint: null, WorkingDir: '/app', User: '', Labels: { b: '2', a: '1', 'com.docker.stack.namespace': 'shop' } },
    HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 }, NanoCpus: 500_000_000, Memory: 0 },
    Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', Mode: 'z', RW: false }],
    NetworkSettings: {
      Networks: { web: { IPAddress: '10.0.0.2', Gateway: '10.0.0.1', MacAddress: 'm', Aliases: ['api'] }, bridge: { IPAddress: '172.17.0.2' } },
      Ports: { '8080/tcp': [{ HostIp: '0.0.0.0', HostPort: '80' }, { HostIp: '::', HostPort: '80' }], '443/tcp': null, '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }] },
    },
  };

  it('masks environment values everywhere, raw JSON included', () => {
    const d = toContainerDetail(inspect, host, { reveal: false, top: null });
    expect(d.env).toEqual([{ name: 'PASSWORD', value: null }, { name: 'URL', value: null }, { name: 'EMPTY', value: null }]);
    expect(JSON.stringify(d)).not.toContain('hunter2');
    expect(JSON.stringify(d)).not.toContain('u:p@db');
    expect((d.raw as { Config: { Env: string[] } }).Config.Env).toEqual([`PASSWORD=${MASK}`, `URL=${MASK}`, `EMPTY=${MASK}`]);
    expect(d.envRevealed).toBe(false);
  });

  it('reveals values (split at the first "=") only when asked', () => {
    expect(envEntries(inspect.Config.Env, true)).toEqual([{ name: 'PASSWORD', value: 'hunter2' }, { name: 'URL', value: 'postgres://u:p@db/x?a=b' }, { name: 'EMPTY', value: '' }]);
    expect(maskInspect({ Config: {} })).toEqual({ Config: {} });
    expect(maskInspect(null)).toEqual({});
  });

  it('maps state, mounts, networks, ports, labels, health, resources and processes', () => {
    const d = toContainerDetail(inspect, host, { reveal: false, top: { Titles: ['PID', 'CMD'], Processes: [['1', 'serve']] } });
    expect(d).toMatchObject({ name: 'api', image: 'app:2', restartPolicy: 'on-failure:3', stack: 'shop', service: null, command: ['serve'], entrypoint: [], workingDir: '/app' });
    expect(d.state).toMatchObject({ status: 'running', running: true, finishedAt: null, restartCount: 2 });
    expect(d.mounts).toEqual([{ type: 'volume', name: 'data', source: '/var/lib/docker/volumes/data/_data', destination: '/data', mode: 'z', readOnly: true }]);
    expect(d.networks.map((n) => n.name)).toEqual(['bridge', 'web']);
    expect(d.ports).toEqual([
      { container: '53/udp', host: ['127.0.0.1:5353'] },
      { container: '443/tcp', host: [] },
      { container: '8080/tcp', host: ['0.0.0.0:80', ':::80'] },
    ]);
    expect(d.labels.map((l) => l.name)).toEqual(['a', 'b', 'com.docker.stack.namespace']);
    expect(d.health).toEqual({ status: 'unhealthy', failingStreak: 3, log: [{ start: 's', end: 'e', exitCode: 1, output: 'boom' }] });
    expect(d.resources).toEqual({ nanoCpus: 500_000_000, memoryBytes: 0 });
    expect(d.processes).toEqual({ titles: ['PID', 'CMD'], rows: [['1', 'serve']] });
  });

  it('survives an empty or odd document', () => {
    const d = toContainerDetail({}, host, { reveal: false, top: null });
    expect(d).toMatchObject({ id: '', name: '', env: [], mounts: [], networks: [], ports: [], labels: [], health: null, processes: null, restartPolicy: 'no' });
    expect(d.state.status).toBe('unknown');
  });
});
