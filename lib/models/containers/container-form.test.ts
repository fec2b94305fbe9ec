import { DEFAULT_POLICY } from '@/lib/models/policies/policy-rules.ts';
import { describe, expect, it } from 'vitest';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { judgeWorkload, requestFromContainerCreate } from '@/lib/services/policy/workload-policy.ts';
import { parseEnv, parsePorts, parseVolumes, toCreateBody, type ContainerForm } from './container-form.ts';
import { localizeText } from '@/lib/errors.ts';

describe('form text fields', () => {
  it('parses ports', () => {
    expect(parsePorts('8080:80\n\n127.0.0.1:5353:53/udp\n  9000 \n# comment')).toEqual({
      ok: true,
      value: [
        { hostIp: null, hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' },
        { hostIp: null, hostPort: null, containerPort: 9000, protocol: 'tcp' },
      ],
    });
    for (const bad of ['80:99999', 'abc', '80:80/sctp', ':80:', '0:80']) expect(parsePorts(bad).ok, bad).toBe(false);
    const error = parsePorts('80\nnope');
    expect(!error.ok && localizeText(error.error, 'en')).toMatch(/^Line 2: "nope" is not a port\. Write host:container/);
    expect(!error.ok && localizeText(error.error, 'zh-CN')).toMatch(/^第 2 行：“nope”不是端口。/);
  });
  it('parses env', () => {
    expect(parseEnv('A=1\nURL=x=y\nEMPTY=')).toEqual({ ok: true, value: [{ name: 'A', value: '1' }, { name: 'URL', value: 'x=y' }, { name: 'EMPTY', value: '' }] });
    expect(parseEnv('1BAD=x').ok).toBe(false);
    expect(parseEnv('NOVALUE').ok).toBe(false);
  });
  it('parses volumes', () => {
    expect(parseVolumes('data:/data\ncache:/c:ro\n/tmp\n/host:/in')).toEqual({
      ok: true,
      value: [
        { source: 'data', target: '/data', readOnly: false },
        { source: 'cache', target: '/c', readOnly: true },
        { source: '', target: '/tmp', readOnly: false },
        { source: '/host', target: '/in', readOnly: false },
      ],
    });
    for (const bad of ['data:rel', 'data:/x:rx', 'a:b:c:d', '../x:/y']) expect(parseVolumes(bad).ok, bad).toBe(false);
  });
});

const form = (over: Partial<ContainerForm> = {}): ContainerForm => ({ image: 'app:1', name: null, command: [], ports: [], env: [], volumes: [], restart: 'no', cpus: null, memoryMb: null, network: null, privileged: false, ...over });

describe('create body', () => {
  it('builds ports, env, mounts, restart, resources and network', () => {
    const body = toCreateBody(
      form({ command: ['sh', '-c', 'x'], ports: [{ hostIp: null, hostPort: 8080, containerPort: 80, protocol: 'tcp' }, { hostIp: null, hostPort: null, containerPort: 9000, protocol: 'udp' }], env: [{ name: 'A', value: '1' }], volumes: [{ source: 'data', target: '/d', readOnly: true }, { source: '', target: '/anon', readOnly: false }], restart: 'on-failure', cpus: 1.5, memoryMb: 64, network: 'web' }),
      'olivia',
      { team: 'a' },
    );
    expect(body).toEqual({
      Image: 'app:1',
      Cmd: ['sh', '-c', 'x'],
      Env: ['A=1'],
      ExposedPorts: { '80/tcp': {}, '9000/udp': {} },
      Labels: { team: 'a', 'wharf.created-by': 'olivia' },
      HostConfig: {
        PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
        Mounts: [{ Type: 'volume', Source: 'data', Target: '/d', ReadOnly: true }, { Type: 'volume', Target: '/anon', ReadOnly: false }],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 0 },
        NanoCpus: 1_500_000_000,
        Memory: 64 * 1024 * 1024,
        NetworkMode: 'web',
      },
    });
  });
  it('the label that records the creator cannot be overridden', () => {
    expect((toCreateBody(form(), 'olivia', { 'wharf.created-by': 'mallory' }).Labels as Record<string, string>)['wharf.created-by']).toBe('olivia');
  });
  it('host paths, privileged and host networking reach the workload policy', () => {
    const rules = (f: Partial<ContainerForm>) => judgeWorkload(requestFromContainerCreate(toCreateBody(form(f), 'u')), DEFAULT_POLICY).map((v) => v.rule);
    expect(rules({})).toEqual([]);
    expect(rules({ privileged: true })).toContain('privileged');
    expect(rules({ volumes: [{ source: '/var/run/docker.sock', target: '/s', readOnly: false }] })).toContain('engine-socket');
    expect(rules({ volumes: [{ source: '/', target: '/h', readOnly: true }] })).toContain('host-bind');
    expect(rules({ network: 'host' }).length).toBeGreaterThan(0);
  });
});

describe('create schema', () => {
  const hostId = 'c'.repeat(25);
  it('parses the text fields and puts their errors on their fields', () => {
    const ok = createContainerSchema.parse({ hostId, image: 'app:1', name: '', command: 'sh -c "echo hi; sleep 1"', ports: '8080:80', env: 'A=1', volumes: 'd:/d', cpus: '', memoryMb: '64' });
    expect(ok).toMatchObject({ name: null, command: ['sh', '-c', 'echo hi; sleep 1'], ports: [{ hostPort: 8080 }], env: [{ name: 'A' }], volumes: [{ source: 'd' }], cpus: null, memoryMb: 64, network: null, restart: 'no', start: true, privileged: false });
    const bad = createContainerSchema.safeParse({ hostId, image: 'bad image', name: '-x', ports: 'x', env: '=', volumes: 'a:b', command: '"unclosed', memoryMb: '1' });
    expect(bad.success).toBe(false);
    const fields = new Set(bad.error!.issues.map((i) => i.path[0]));
    expect([...fields].sort()).toEqual(['command', 'env', 'image', 'memoryMb', 'name', 'ports', 'volumes']);
  });
});
