// The judge under rules an administrator shapes: bind paths (with the tricks a path allows),
// read-only binds, capabilities in every spelling, image patterns, limits and labels required;
// which policy is in effect for a scope; and that the default policy is the built-in rule set.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_POLICY, DEFAULT_RULES, ruleChanges, summariseChanges, type Policy, type PolicyRules } from '@/lib/models/policies/policy-rules.ts';
import { policyRulesSchema } from '@/lib/schemas/policies.ts';
import { resolvePolicy } from './effective-policy.ts';
import { imageRepository, judgeWorkload, requestFromComposeDocument, requestFromContainerCreate, requestFromContainerInspect, requestFromServiceSpec } from './workload-policy.ts';
import type { Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

/** A finding as an English reader sees it. */
const en = (v: { said: Message }) => renderMessage(v.said, 'en');

const policy = (rules: Partial<PolicyRules>, name = 'team', version = 2): Policy => ({ name, version, rules: policyRulesSchema.parse({ ...DEFAULT_RULES, ...rules }) });
const rules = (v: { rule: string }[]) => [...new Set(v.map((x) => x.rule))].sort();
const container = (p: Policy, host: Record<string, unknown>, extra: Record<string, unknown> = {}) => judgeWorkload(requestFromContainerCreate({ Image: 'nginx:1.27', HostConfig: host, ...extra }), p);
const service = (p: Policy, containerSpec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  judgeWorkload(requestFromServiceSpec({ Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'nginx', ...containerSpec }, ...extra } }), p);

const srv = policy({ binds: [{ path: '/srv/data', readOnly: false }, { path: '/srv/ro', readOnly: true }] });

describe('bind paths', () => {
  it.each([
    ['the path itself', '/srv/data'],
    ['under it', '/srv/data/app'],
    ['a trailing slash', '/srv/data/'],
    ['doubled slashes', '//srv//data/x'],
    ['dots that stay inside', '/srv/data/a/../b'],
  ])('allows %s', (_name, source) => {
    expect(container(srv, { Binds: [`${source}:/d`] })).toEqual([]);
    expect(service(srv, { Mounts: [{ Type: 'bind', Source: source, Target: '/d' }] })).toEqual([]);
  });

  it.each([
    ['a path that only shares characters', '/srv/data2'],
    ['its parent', '/srv'],
    ['.. out of it', '/srv/data/../../etc'],
    ['.. out of it, doubled slashes', '//srv/data/..//../etc/'],
    ['the root', '/'],
  ])('refuses %s, naming the rule and the policy', (_name, source) => {
    const found = container(srv, { Binds: [`${source}:/d`] });
    expect(rules(found)).toEqual(['host-bind']);
    expect(en(found[0])).toMatch(/\(rule Bind paths of policy "team" version 2\)$/);
  });

  it('judges /srv/data/../../etc as /etc', () => {
    expect(en(container(srv, { Binds: ['/srv/data/../../etc:/d'] })[0])).toContain('host path /etc ');
  });

  it('a read-only path passes read-only binds in every spelling and refuses read-write ones', () => {
    expect(container(srv, { Binds: ['/srv/ro/x:/d:ro'] })).toEqual([]);
    expect(container(srv, { Mounts: [{ Type: 'bind', Source: '/srv/ro/x', Target: '/d', ReadOnly: true }] })).toEqual([]);
    expect(service(srv, { Mounts: [{ Type: 'bind', Source: '/srv/ro', Target: '/d', ReadOnly: true }] })).toEqual([]);
    expect(judgeWorkload(requestFromComposeDocument(parse('services:\n  a:\n    image: x\n    volumes: ["/srv/ro:/d:ro", {type: bind, source: /srv/ro/y, target: /e, read_only: true}]\n')), srv)).toEqual([]);
    for (const found of [
      container(srv, { Binds: ['/srv/ro/x:/d'] }),
      container(srv, { Binds: ['/srv/ro/x:/d:rw'] }),
      container(srv, { Mounts: [{ Type: 'bind', Source: '/srv/ro/x', Target: '/d' }] }),
      service(srv, { Mounts: [{ Type: 'bind', Source: '/srv/ro', Target: '/d', ReadOnly: false }] }),
      judgeWorkload(requestFromComposeDocument(parse('services:\n  a:\n    image: x\n    volumes: ["/srv/ro:/d"]\n')), srv),
    ]) {
      expect(rules(found)).toEqual(['bind-read-only']);
      expect(en(found[0])).toMatch(/allowed read-only only.*\(rule Bind paths \(read-only\) of policy "team" version 2\)/);
    }
  });

  it('the engine socket stays refused under an allowed path unless the policy allows it', () => {
    const everything = policy({ binds: [{ path: '/', readOnly: false }] });
    expect(rules(container(everything, { Binds: ['/var/run/docker.sock:/s'] }))).toEqual(['engine-socket']);
    expect(container(everything, { Binds: ['/etc:/e'] })).toEqual([]);
    expect(container(policy({ engineSocket: true }), { Binds: ['//var/run/../run/docker.sock:/s'] })).toEqual([]);
  });

  it('a local volume that binds a host path is judged by the bind paths (read-write paths only)', () => {
    const stack = (device: string) => judgeWorkload(requestFromComposeDocument(parse(`services:\n  a:\n    image: x\n    volumes: [v:/d]\nvolumes:\n  v:\n    driver_opts: {type: none, o: bind, device: "${device}"}\n`)), srv);
    expect(stack('/srv/data/v')).toEqual([]);
    expect(rules(stack('/srv/ro/v'))).toEqual(['host-bind']);
    expect(rules(stack('/srv/data/../../etc'))).toEqual(['host-bind']);
  });
});

describe('capabilities: an allow-list beyond the engine default set', () => {
  it.each(['SYS_NICE', 'sys_nice', 'CAP_SYS_NICE', 'cap_sys_nice', ' Cap_Sys_Nice '])('refuses %s under the default policy and allows it when listed (in any spelling)', (cap) => {
    expect(rules(container(DEFAULT_POLICY, { CapAdd: [cap] }))).toEqual(['capability']);
    expect(rules(service(DEFAULT_POLICY, { CapabilityAdd: [cap] }))).toEqual(['capability']);
    for (const listed of ['SYS_NICE', 'cap_sys_nice', 'CAP_SYS_NICE']) {
      expect(container(policy({ capabilities: [listed] }), { CapAdd: [cap] })).toEqual([]);
      expect(service(policy({ capabilities: [listed] }), { CapabilityAdd: [cap] })).toEqual([]);
    }
  });

  it('ALL is refused unless ALL is listed; a listed capability does not allow ALL or another one', () => {
    const nice = policy({ capabilities: ['SYS_NICE'] });
    expect(rules(container(nice, { CapAdd: ['ALL'] }))).toEqual(['capability']);
    expect(rules(container(nice, { CapAdd: ['cap_all'] }))).toEqual(['capability']);
    expect(rules(container(nice, { CapAdd: ['SYS_ADMIN'] }))).toEqual(['capability']);
    expect(rules(container(nice, { Capabilities: ['CAP_SYS_NICE', 'CAP_SYS_ADMIN'] }))).toEqual(['capability']);
    expect(container(policy({ capabilities: ['all'] }), { CapAdd: ['SYS_ADMIN', 'ALL'] })).toEqual([]);
  });

  it('the engine default capabilities pass under an empty list', () => {
    expect(container(DEFAULT_POLICY, { CapAdd: ['CHOWN', 'CAP_NET_BIND_SERVICE', 'kill'] })).toEqual([]);
  });

  it('the schema stores capabilities as the engine names them', () => {
    expect(policyRulesSchema.parse({ ...DEFAULT_RULES, capabilities: ['cap_net_admin', 'NET_ADMIN', 'Sys_Nice'] }).capabilities).toEqual(['NET_ADMIN', 'SYS_NICE']);
    expect(policyRulesSchema.safeParse({ ...DEFAULT_RULES, capabilities: ['NET ADMIN'] }).success).toBe(false);
  });
});

describe('the other rules, turned on', () => {
  it('privileged, host namespaces, devices, sysctls, cgroup parent, unconfined, predefined networks', () => {
    const loose = policy({
      privileged: true, devices: true, sysctls: true, cgroupParent: true, unconfined: true, sharedNamespaces: true, networks: ['bridge'],
      hostNamespaces: { network: true, pid: true, ipc: false, uts: false, userns: false, cgroupns: false },
    });
    const host = { Privileged: true, Devices: [{ PathOnHost: '/dev/kvm' }], Sysctls: { 'net.core.somaxconn': '1024' }, CgroupParent: '/x', SecurityOpt: ['seccomp=unconfined'], PidMode: 'host', NetworkMode: 'host' };
    expect(container(loose, host)).toEqual([]);
    expect(rules(container(DEFAULT_POLICY, host))).toEqual(['cgroup-parent', 'devices', 'host-namespace', 'privileged', 'sysctls', 'unconfined']);
    expect(rules(container(loose, { IpcMode: 'host' }))).toEqual(['host-namespace']);
    expect(container(loose, { NetworkMode: 'bridge' })).toEqual([]);
    expect(rules(container(loose, { NetworkMode: 'none' }))).toEqual(['predefined-network']);
  });

  it('volume drivers: another driver when listed; any options when the driver allows them', () => {
    const nfs = policy({ volumeDrivers: [{ name: 'local', options: 'any' }, { name: 'rexray', options: 'tmpfs' }] });
    const mount = (driver: string, options: Record<string, string>) => service(nfs, { Mounts: [{ Type: 'volume', Source: 'v', Target: '/v', VolumeOptions: { DriverConfig: { Name: driver, Options: options } } }] });
    expect(mount('local', { type: 'nfs', o: 'addr=10.0.0.1', device: ':/export' })).toEqual([]);
    expect(rules(mount('local', { type: 'none', o: 'bind', device: '/etc' }))).toEqual(['host-bind']);
    expect(mount('rexray', {})).toEqual([]);
    expect(rules(mount('convoy', {}))).toEqual(['volume-driver']);
  });
});

describe('images by registry and repository', () => {
  it('names images the way the engine pulls them', () => {
    expect(imageRepository('nginx')).toBe('docker.io/library/nginx');
    expect(imageRepository('nginx:1.27@sha256:abc')).toBe('docker.io/library/nginx');
    expect(imageRepository('team/app:2')).toBe('docker.io/team/app');
    expect(imageRepository('index.docker.io/library/redis')).toBe('docker.io/library/redis');
    expect(imageRepository('registry.example.com:5000/team/app:2')).toBe('registry.example.com:5000/team/app');
    expect(imageRepository('localhost/app')).toBe('localhost/app');
  });

  const images = policy({ images: ['docker.io/library/*', 'registry.example.com/team/**'] });
  it.each(['nginx', 'nginx:1.27', 'library/redis:7', 'docker.io/library/busybox@sha256:1234', 'registry.example.com/team/app:2', 'registry.example.com/team/sub/app'])('allows %s', (image) => {
    expect(container(images, {}, { Image: image })).toEqual([]);
    expect(service(images, { Image: image })).toEqual([]);
  });
  it.each(['evil/nginx', 'docker.io/team/app', 'registry.example.com/other/app', 'registry.example.com.evil.io/team/app', 'registry.example.com/teams/app'])('refuses %s on the image field', (image) => {
    const found = container(images, {}, { Image: image });
    expect(rules(found)).toEqual(['image']);
    expect(found[0]).toMatchObject({ at: ['image'] });
    expect(rules(service(images, { Image: image }))).toEqual(['image']);
  });
  it('any image when the list is empty', () => {
    expect(container(DEFAULT_POLICY, {}, { Image: 'whoever/whatever' })).toEqual([]);
  });
});

describe('limits and labels required', () => {
  const strict = policy({ limits: { required: true, maxMemoryMb: 512, maxCpus: 1 }, labels: ['team', 'owner'] });
  it('a container or service without limits or labels is refused on those fields', () => {
    const found = container(strict, {});
    expect(rules(found)).toEqual(['labels', 'limits']);
    expect(found.map((f) => f.at?.[0]).sort()).toEqual(['cpus', 'labels', 'memory']);
    expect(en(found.find((f) => f.rule === 'labels')!)).toMatch(/lacks the labels team, owner/);
    expect(rules(service(strict, {}))).toEqual(['labels', 'limits']);
  });
  it('limits within the maximum and the labels pass; above the maximum is refused', () => {
    const labels = { team: 'a', owner: 'b' };
    expect(container(strict, { Memory: 256 * 1024 * 1024, NanoCpus: 500_000_000 }, { Labels: labels })).toEqual([]);
    expect(container(strict, { Memory: 256 * 1024 * 1024, CpuQuota: 50_000, CpuPeriod: 100_000 }, { Labels: labels })).toEqual([]);
    expect(service(strict, { Labels: { team: 'a', owner: 'b' } }, { Resources: { Limits: { MemoryBytes: 512 * 1024 * 1024, NanoCPUs: 1e9 } } })).toEqual([]);
    expect(judgeWorkload(requestFromServiceSpec({ Name: 'w', Labels: labels, TaskTemplate: { ContainerSpec: { Image: 'x' }, Resources: { Limits: { MemoryBytes: 512 * 1024 * 1024, NanoCPUs: 1e9 } } } }), strict)).toEqual([]);
    const over = container(strict, { Memory: 1024 * 1024 * 1024, NanoCpus: 2e9 }, { Labels: labels });
    expect(over.map(en)).toEqual([expect.stringMatching(/1024 MB of memory: at most 512 MB/), expect.stringMatching(/2 CPUs: at most 1 are allowed/)]);
  });
  it('"limits required" without a maximum takes any limit', () => {
    const required = policy({ limits: { required: true, maxMemoryMb: null, maxCpus: null } });
    expect(container(required, { Memory: 64 * 1024 * 1024, NanoCpus: 1e8 })).toEqual([]);
    expect(rules(container(required, { Memory: 64 * 1024 * 1024 }))).toEqual(['limits']);
  });
  it('an existing container is judged by its image, limits and labels too', () => {
    const inspect = { Id: 'x', Name: '/x', Config: { Image: 'nginx', Labels: { team: 'a' } }, HostConfig: { Memory: 0 } };
    expect(rules(judgeWorkload(requestFromContainerInspect(inspect), strict))).toEqual(['labels', 'limits']);
  });
});

describe('which policy is in effect', () => {
  const global = { scopeType: 'global', scopeId: '', policy: policy({}, 'global', 1) };
  const onHost = { scopeType: 'host', scopeId: 'h1', policy: policy({}, 'host one', 3) };
  const onSwarm = { scopeType: 'swarm', scopeId: 's1', policy: policy({}, 'swarm one', 1) };
  it('its own scope, else global, else the default', () => {
    expect(resolvePolicy({ type: 'host', id: 'h1' }, [global, onHost, onSwarm])).toMatchObject({ name: 'host one', version: 3, from: 'scope' });
    expect(resolvePolicy({ type: 'host', id: 'h2' }, [global, onHost, onSwarm])).toMatchObject({ name: 'global', from: 'global' });
    expect(resolvePolicy({ type: 'swarm', id: 's1' }, [global, onHost, onSwarm])).toMatchObject({ name: 'swarm one', from: 'scope' });
    expect(resolvePolicy({ type: 'swarm', id: 'h1' }, [onHost])).toMatchObject({ name: 'Default', version: null, from: 'default' });
    expect(resolvePolicy({ type: 'host', id: 'h2' }, [onHost, onSwarm])).toMatchObject({ rules: DEFAULT_RULES, from: 'default' });
  });
});

describe('the default policy', () => {
  it('is the built-in rule set, and survives the schema unchanged', () => {
    expect(policyRulesSchema.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
    expect(DEFAULT_POLICY).toMatchObject({ name: 'Default', version: null });
    const found = container(DEFAULT_POLICY, { Binds: ['/srv/x:/x:ro'] });
    expect(en(found[0])).toMatch(/\(rule Bind paths of policy "Default" \(built in\)\)$/);
  });
  it('says what changed between two versions', () => {
    const changes = ruleChanges(DEFAULT_RULES, srv.rules);
    const said = (m: Message | string) => (typeof m === 'string' ? m : renderMessage(m, 'en'));
    expect(changes.map((c) => ({ key: c.key, label: said(c.label), before: said(c.before), after: said(c.after) }))).toEqual([{ key: 'binds', label: 'Bind paths', before: 'none', after: '/srv/data (read-write), /srv/ro (read-only)' }]);
    expect(renderMessage(summariseChanges(changes), 'en')).toBe('Bind paths: none → /srv/data (read-write), /srv/ro (read-only)');
    expect(renderMessage(summariseChanges([]), 'en')).toBe('No rule changed.');
  });
});
