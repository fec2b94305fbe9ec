import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '@/lib/models/command-line.ts';
import { parseEnv, parsePorts, parseVolumes } from './container-form.ts';
import { copyName, duplicateFromInspect, type InspectForForm } from './duplicate-container.ts';

const VOLUME_ID = 'a'.repeat(64);
const inspect: InspectForForm = {
  Name: '/web',
  Config: {
    Image: 'local/busybox:latest',
    Cmd: ['sh', '-c', "echo 'hi there'; sleep 3600"],
    Env: ['LOG_LEVEL=info', 'URL=http://x/?a=b'],
    Labels: {
      team: 'web',
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'web',
      'com.docker.stack.namespace': 'shop',
      'com.docker.swarm.task.id': 'x',
      'wharf.owner.team': 't1',
      'wharf.created-by': 'ann',
    },
  },
  HostConfig: {
    PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '8081' }], '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }] },
    RestartPolicy: { Name: 'unless-stopped' },
    NanoCpus: 1_500_000_000,
    Memory: 256 * 1024 * 1024,
    NetworkMode: 'backend',
    Privileged: false,
  },
  Mounts: [
    { Type: 'volume', Name: 'data', Destination: '/var/lib/data', RW: true },
    { Type: 'volume', Name: VOLUME_ID, Destination: '/scratch', RW: true },
    { Type: 'bind', Source: '/srv/conf', Destination: '/etc/app', RW: false },
    { Type: 'tmpfs', Destination: '/run' },
  ],
  NetworkSettings: { Networks: { backend: {} } },
};

describe('a container duplicated into the create form', () => {
  it('carries image, command, environment, ports, volumes, network, restart and resources, under a suffixed name', () => {
    const { values, notCopied } = duplicateFromInspect(inspect, { withEnv: true });
    expect(values).toMatchObject({ image: 'local/busybox:latest', name: 'web-copy', restart: 'unless-stopped', cpus: '1.5', memoryMb: '256', network: 'backend', privileged: false });
    expect(notCopied).toEqual([]);
    // Each text field reads back, through the form's own parsers, as the original's.
    expect(parseCommandLine(values.command)).toEqual({ ok: true, args: ['sh', '-c', "echo 'hi there'; sleep 3600"] });
    expect(parseEnv(values.env)).toEqual({ ok: true, value: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'URL', value: 'http://x/?a=b' }] });
    expect(parsePorts(values.ports)).toEqual({
      ok: true,
      value: [
        { hostIp: null, hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', hostPort: 8081, containerPort: 80, protocol: 'tcp' },
        { hostIp: null, hostPort: 5353, containerPort: 53, protocol: 'udp' },
      ],
    });
    // A named volume and a bind keep their source; an anonymous volume is made anew; tmpfs is not a form volume.
    expect(parseVolumes(values.volumes)).toEqual({
      ok: true,
      value: [
        { source: 'data', target: '/var/lib/data', readOnly: false },
        { source: '', target: '/scratch', readOnly: false },
        { source: '/srv/conf', target: '/etc/app', readOnly: true },
      ],
    });
  });

  it("drops the labels of a Compose project, a stack, a swarm task, ownership and Wharf's creator mark", () => {
    expect(duplicateFromInspect(inspect, { withEnv: true }).labels).toEqual({ team: 'web' });
  });

  it('leaves the environment out for a reader who may not see its values, and says so', () => {
    const { values, notCopied } = duplicateFromInspect(inspect, { withEnv: false });
    expect(values.env).toBe('');
    expect(notCopied).toEqual(['environment']);
  });

  it('says what the form cannot carry: an entrypoint, networks beyond the one it names', () => {
    const other = duplicateFromInspect({ ...inspect, Config: { ...inspect.Config, Entrypoint: ['/init'] }, NetworkSettings: { Networks: { backend: {}, metrics: {} } } }, { withEnv: true });
    expect(other.notCopied).toEqual(['entrypoint', 'networks']);
  });

  it('reads a plain container: default network, no restart policy, no limits', () => {
    const { values } = duplicateFromInspect({ Name: '/plain', Config: { Image: 'x', Cmd: null }, HostConfig: { NetworkMode: 'default', RestartPolicy: { Name: '' } }, NetworkSettings: { Networks: { bridge: {} } } }, { withEnv: false });
    expect(values).toEqual({ image: 'x', name: 'plain-copy', command: '', ports: '', env: '', volumes: '', restart: 'no', cpus: '', memoryMb: '', network: '', privileged: false });
    expect(copyName('/a')).toBe('a-copy');
  });
});
