import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  judgeWorkload,
  normaliseHostPath,
  parseBind,
  requestFromComposeDocument,
  requestFromContainerCreate,
  requestFromServiceSpec,
  type Violation,
} from './workload-policy.ts';

const rules = (violations: Violation[]) => violations.map((v) => v.rule).sort();
const container = (host: Record<string, unknown>) => judgeWorkload(requestFromContainerCreate({ Image: 'x', HostConfig: host }));
const service = (containerSpec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  judgeWorkload(requestFromServiceSpec({ Name: 's', TaskTemplate: { ContainerSpec: { Image: 'x', ...containerSpec }, ...extra } }));
const stack = (yaml: string) => judgeWorkload(requestFromComposeDocument(parse(yaml)));

describe('workload policy', () => {
  it('allows an ordinary container, service and stack', () => {
    expect(container({ Binds: ['data:/var/lib/data'], PortBindings: { '80/tcp': [{ HostPort: '8080' }] }, CapAdd: ['NET_BIND_SERVICE'], NetworkMode: 'bridge', RestartPolicy: { Name: 'always' } })).toEqual([]);
    expect(service({ Mounts: [{ Type: 'volume', Source: 'data', Target: '/data' }, { Type: 'tmpfs', Target: '/tmp' }], CapabilityAdd: ['CHOWN'] }, { Networks: [{ Target: 'web_default' }] })).toEqual([]);
    expect(stack('services:\n  web:\n    image: nginx\n    volumes: ["data:/usr/share/nginx/html", {type: tmpfs, target: /cache}]\nvolumes:\n  data: {}\n')).toEqual([]);
  });

  describe('1. privileged', () => {
    it('is refused in a container create, even sent by hand', () => {
      expect(rules(container({ Privileged: true }))).toEqual(['privileged']);
    });
    it('is refused in a stack file (which swarm would silently ignore)', () => {
      expect(rules(stack('services:\n  x:\n    image: a\n    privileged: true\n'))).toEqual(['privileged']);
    });
    it('is refused when it arrives as a string after interpolation', () => {
      expect(rules(judgeWorkload(requestFromComposeDocument({ services: { x: { image: 'a', privileged: 'true' } } })))).toEqual(['privileged']);
      expect(rules(judgeWorkload(requestFromComposeDocument({ services: { x: { image: 'a', privileged: 'false' } } })))).toEqual([]);
    });
  });

  describe('2. host bind mounts, in every spelling', () => {
    it.each([
      ['Binds', { Binds: ['/:/h'] }],
      ['Binds with options', { Binds: ['/etc:/etc:ro'] }],
      ['relative Binds', { Binds: ['./data:/d'] }],
      ['home Binds', { Binds: ['~/x:/d'] }],
      ['Mounts bind', { Mounts: [{ Type: 'bind', Source: '/', Target: '/h' }] }],
    ])('%s', (_name, host) => {
      expect(rules(container(host))).toEqual(['host-bind']);
    });
    it('service Mounts of type bind', () => {
      expect(rules(service({ Mounts: [{ Type: 'bind', Source: '/etc', Target: '/e' }] }))).toEqual(['host-bind']);
    });
    it('compose short and long volume syntax', () => {
      expect(rules(stack('services:\n  x:\n    image: a\n    volumes: ["/:/host"]\n'))).toEqual(['host-bind']);
      expect(rules(stack('services:\n  x:\n    image: a\n    volumes:\n      - type: bind\n        source: /\n        target: /host\n'))).toEqual(['host-bind']);
    });
    it('names the host path after normalising it', () => {
      expect(container({ Binds: ['//etc/../etc/:/x'] })[0].message).toContain('/etc');
    });
  });

  describe('3. the engine socket, in every spelling', () => {
    it.each(['/var/run/docker.sock', '/run/docker.sock', '/var/run/../run/docker.sock', '//var/run/docker.sock', '/var//run/./docker.sock'])('%s', (source) => {
      expect(rules(container({ Binds: [`${source}:/var/run/docker.sock`] }))).toEqual(['engine-socket']);
      expect(rules(container({ Mounts: [{ Type: 'bind', Source: source, Target: '/s' }] }))).toEqual(['engine-socket']);
      expect(rules(stack(`services:\n  x:\n    image: a\n    volumes: ["${source}:/var/run/docker.sock"]\n`))).toEqual(['engine-socket']);
    });
  });

  describe('4. named volumes that are binds in disguise', () => {
    it('a stack volume with driver_opts type none, o bind, device /', () => {
      const v = stack('services:\n  x:\n    image: a\n    volumes: ["root:/h"]\nvolumes:\n  root:\n    driver_opts: { type: none, o: bind, device: / }\n');
      expect(rules(v)).toEqual(['host-bind']);
      expect(v[0].where).toBe('volumes.root');
    });
    it('the same inline in a service mount (VolumeOptions.DriverConfig)', () => {
      expect(rules(service({ Mounts: [{ Type: 'volume', Source: 'r', Target: '/h', VolumeOptions: { DriverConfig: { Name: 'local', Options: { type: 'none', o: 'bind', device: '/' } } } }] }))).toEqual(['host-bind']);
    });
    it('ignores options of other drivers and ordinary local volumes', () => {
      expect(stack('services: {x: {image: a}}\nvolumes:\n  nfs: { driver: local, driver_opts: { type: nfs, o: "addr=10.0.0.1", device: ":/export" } }\n  other: { driver: rexray, driver_opts: { device: / } }\n')).toEqual([]);
    });
  });

  describe('5. capabilities and confinement', () => {
    it.each(['ALL', 'SYS_ADMIN', 'sys_admin', 'CAP_SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'NET_ADMIN'])('cap_add %s', (cap) => {
      expect(rules(container({ CapAdd: [cap] }))).toEqual(['capability']);
      expect(rules(service({ CapabilityAdd: [cap] }))).toEqual(['capability']);
    });
    it.each(['seccomp=unconfined', 'seccomp:unconfined', 'apparmor=unconfined', 'apparmor:unconfined', 'label=disable', 'label:disable', 'SECCOMP=UNCONFINED'])('security_opt %s', (opt) => {
      expect(rules(container({ SecurityOpt: [opt] }))).toEqual(['unconfined']);
      expect(rules(stack(`services:\n  x:\n    image: a\n    security_opt: ["${opt}"]\n`))).toEqual(['unconfined']);
    });
    it('a service spec that turns off seccomp or AppArmor', () => {
      expect(rules(service({ Privileges: { Seccomp: { Mode: 'unconfined' } } }))).toEqual(['unconfined']);
      expect(rules(service({ Privileges: { AppArmor: { Mode: 'disabled' } } }))).toEqual(['unconfined']);
    });
    it('allows a profile file and no-new-privileges', () => {
      expect(container({ SecurityOpt: ['no-new-privileges:true', 'seccomp=/etc/profile.json'] })).toEqual([]);
    });
  });

  describe('6. host and borrowed namespaces', () => {
    it.each([['NetworkMode', 'host'], ['PidMode', 'host'], ['IpcMode', 'host'], ['UTSMode', 'host'], ['UsernsMode', 'host'], ['CgroupnsMode', 'host']])('%s=%s', (key, value) => {
      expect(rules(container({ [key]: value }))).toEqual(['host-namespace']);
    });
    it('container:<id> of another container', () => {
      expect(rules(container({ NetworkMode: 'container:abc123', PidMode: 'container:abc123' }))).toEqual(['shared-namespace', 'shared-namespace']);
    });
    it('a service on the host network, and a stack with network_mode or pid host', () => {
      expect(rules(service({}, { Networks: [{ Target: 'host' }] }))).toEqual(['host-namespace']);
      expect(rules(stack('services:\n  x:\n    image: a\n    network_mode: host\n    pid: host\n'))).toEqual(['host-namespace', 'host-namespace']);
    });
  });

  describe('7. devices, sysctls and cgroups', () => {
    it('container create', () => {
      expect(rules(container({ Devices: [{ PathOnHost: '/dev/sda' }] }))).toEqual(['devices']);
      expect(rules(container({ DeviceCgroupRules: ['c 1:3 mr'] }))).toEqual(['devices']);
      expect(rules(container({ DeviceRequests: [{ Count: -1 }] }))).toEqual(['devices']);
      expect(rules(container({ Sysctls: { 'net.ipv4.ip_forward': '1' } }))).toEqual(['sysctls']);
      expect(rules(container({ CgroupParent: '/system.slice' }))).toEqual(['cgroup-parent']);
    });
    it('a stack file', () => {
      expect(rules(stack('services:\n  x:\n    image: a\n    devices: ["/dev/sda:/dev/sda"]\n    sysctls: { net.core.somaxconn: 1024 }\n    cgroup_parent: x\n'))).toEqual(['cgroup-parent', 'devices', 'sysctls']);
    });
    it('a service spec with sysctls', () => {
      expect(rules(service({ Sysctls: { 'kernel.shm_rmid_forced': '1' } }))).toEqual(['sysctls']);
    });
  });

  describe('8. updates are judged like creates', () => {
    it('a benign service updated to add caps, unconfined seccomp or a bind of /', () => {
      const benign = { Name: 's', TaskTemplate: { ContainerSpec: { Image: 'x' } } };
      expect(judgeWorkload(requestFromServiceSpec(benign))).toEqual([]);
      const updated = { ...benign, TaskTemplate: { ContainerSpec: { Image: 'x', CapabilityAdd: ['SYS_ADMIN'], Privileges: { Seccomp: { Mode: 'unconfined' } }, Mounts: [{ Type: 'bind', Source: '/', Target: '/h' }] } } };
      expect(rules(judgeWorkload(requestFromServiceSpec(updated)))).toEqual(['capability', 'host-bind', 'unconfined']);
    });
  });

  it('reports every violation at once, each with where it is', () => {
    const v = container({ Privileged: true, Binds: ['/var/run/docker.sock:/s'], CapAdd: ['ALL'], PidMode: 'host' });
    expect(rules(v)).toEqual(['capability', 'engine-socket', 'host-namespace', 'privileged']);
    expect(v.every((x) => x.where && x.message)).toBe(true);
  });

  it('survives junk input', () => {
    expect(judgeWorkload(requestFromContainerCreate(null))).toEqual([]);
    expect(judgeWorkload(requestFromContainerCreate({ HostConfig: 'x' }))).toEqual([]);
    expect(judgeWorkload(requestFromServiceSpec(42))).toEqual([]);
    expect(judgeWorkload(requestFromComposeDocument('services'))).toEqual([]);
    expect(judgeWorkload(requestFromComposeDocument({ services: { x: null } }))).toEqual([]);
  });

  it('normalises host paths and parses binds', () => {
    expect(normaliseHostPath('//var/run/../run/docker.sock')).toBe('/var/run/docker.sock');
    expect(normaliseHostPath('/')).toBe('/');
    expect(normaliseHostPath('etc/')).toBe('/etc');
    expect(parseBind('data:/d')).toEqual({ type: 'volume', source: 'data', target: '/d' });
    expect(parseBind('/a:/b:ro')).toEqual({ type: 'bind', source: '/a', target: '/b' });
    expect(parseBind('/anonymous')).toEqual({ type: 'volume', source: null, target: '/anonymous' });
  });
});
