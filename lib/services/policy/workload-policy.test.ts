import { DEFAULT_POLICY, DEFAULT_RULES } from '@/lib/models/policies/policy-rules.ts';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { locateNearest } from '@/lib/services/stacks/compose/compose-path.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';
import { translateStack } from '@/lib/services/stacks/compose/translate-stack.ts';
import {
  judgeVolume,
  judgeWorkload,
  mergeRequests,
  mountsOfVolume,
  namedVolumes,
  nameFromList,
  networkRefs,
  normaliseHostPath,
  parseBind,
  placedAt,
  requestFromComposeDocument,
  requestFromContainerCreate,
  requestFromContainerInspect,
  requestFromServiceSpec,
  withNetworkNames,
  type Violation,
  type WorkloadRequest,
} from './workload-policy.ts';
import type { Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

/** A finding as an English reader sees it. */
const en = (v: { said: Message }) => renderMessage(v.said, 'en');

const rules = (violations: Violation[]) => violations.map((v) => v.rule).sort();
const container = (host: Record<string, unknown>) => judgeWorkload(requestFromContainerCreate({ Image: 'x', HostConfig: host }), DEFAULT_POLICY);
const service = (containerSpec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  judgeWorkload(requestFromServiceSpec({ Name: 's', TaskTemplate: { ContainerSpec: { Image: 'x', ...containerSpec }, ...extra } }), DEFAULT_POLICY);
const stack = (yaml: string) => judgeWorkload(requestFromComposeDocument(parse(yaml)), DEFAULT_POLICY);

describe('workload policy', () => {
  it('allows an ordinary container, service and stack', () => {
    expect(container({ Binds: ['data:/var/lib/data'], PortBindings: { '80/tcp': [{ HostPort: '8080' }] }, CapAdd: ['NET_BIND_SERVICE'], NetworkMode: 'web', RestartPolicy: { Name: 'always' } })).toEqual([]);
    expect(container({ NetworkMode: 'default' })).toEqual([]);
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
      expect(rules(judgeWorkload(requestFromComposeDocument({ services: { x: { image: 'a', privileged: 'true' } } }), DEFAULT_POLICY))).toEqual(['privileged']);
      expect(rules(judgeWorkload(requestFromComposeDocument({ services: { x: { image: 'a', privileged: 'false' } } }), DEFAULT_POLICY))).toEqual([]);
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
      expect(en(container({ Binds: ['//etc/../etc/:/x'] })[0])).toContain('/etc');
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
    it('a translated service\'s findings are placed at its key: with the file\'s positions, each finding has a line', () => {
      const text = 'services:\n  x:\n    image: a\n    volumes: [{ type: bind, source: /, target: /h }]\n';
      const translated = translateStack({ stackName: 's', composeText: text, variables: {}, files: {} }).stack!;
      const [spec] = translated.services;
      const found = judgeWorkload(placedAt(requestFromServiceSpec(spec.spec), ['services', 'x']), DEFAULT_POLICY);
      expect(found.map((v) => [v.rule, v.at])).toEqual([['host-bind', ['services', 'x']]]);
      expect(locateNearest(found[0].at!, parseComposeSource(text).locate)).toEqual({ line: 2, column: 3 });
    });
    it('allows ordinary local volumes, declared or external', () => {
      expect(stack('services: {x: {image: a}}\nvolumes:\n  plain: {}\n  local: { driver: local }\n  outside: { external: true }\n')).toEqual([]);
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
      expect(judgeWorkload(requestFromServiceSpec(benign), DEFAULT_POLICY)).toEqual([]);
      const updated = { ...benign, TaskTemplate: { ContainerSpec: { Image: 'x', CapabilityAdd: ['SYS_ADMIN'], Privileges: { Seccomp: { Mode: 'unconfined' } }, Mounts: [{ Type: 'bind', Source: '/', Target: '/h' }] } } };
      expect(rules(judgeWorkload(requestFromServiceSpec(updated), DEFAULT_POLICY))).toEqual(['capability', 'host-bind', 'unconfined']);
    });
  });

  describe('38. predefined networks, by name, full id and short id', () => {
    // Ids as the lab's engines report them: a host's own networks, and a swarm's copies of host and bridge (not listed by /networks).
    const known = [
      { id: '8aae60f63998aca0503e805dc914e60d24b602e4e89f0b6d43310098d0473bbb', name: 'host' },
      { id: '777d0cc195b254310b44a96f6765b141f5b53e15539a10ca9e661ed8f299491d', name: 'bridge' },
      { id: 'd94cbcb20f0b2772b8d9c78803b26e9aa094418d07a3af99d13ebc494d956e39', name: 'none' },
      { id: 'ab6e3fca9a8a0f9a1d2c3b4a5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8b', name: 'docker_gwbridge' },
      { id: '9uarl08gv0w3xfkn09i16ppzv', name: 'ingress' },
      { id: 'k2x0vd3yq1m5c8n4b7z6a9w0e', name: 'web_default' },
      { id: '8aa1cafe0000000000000000000000000000000000000000000000000000000', name: 'team-net' },
    ];
    /** The pure half of the wiring: every reference named from the list. */
    const named = (request: WorkloadRequest) => withNetworkNames(request, new Map(networkRefs(request).map((ref) => [ref, nameFromList(ref, known) ?? ref])));
    const containerOn = (host: Record<string, unknown>, extra: Record<string, unknown> = {}) => judgeWorkload(named(requestFromContainerCreate({ Image: 'x', HostConfig: host, ...extra })), DEFAULT_POLICY);
    const serviceOn = (...targets: string[]) => judgeWorkload(named(requestFromServiceSpec({ Name: 's', TaskTemplate: { ContainerSpec: { Image: 'x' }, Networks: targets.map((Target) => ({ Target })) } })), DEFAULT_POLICY);

    it.each([
      ['name', 'host'],
      ['full id', known[0].id],
      ['short id', known[0].id.slice(0, 12)],
      ['id prefix that also starts another network', '8aa'],
    ])('a service on the host network by %s', (_how, ref) => {
      expect(rules(serviceOn(ref))).toEqual(['host-namespace']);
      expect(rules(containerOn({ NetworkMode: ref }))).toEqual(['host-namespace']);
    });

    it.each([
      ['bridge', 'bridge'],
      ['bridge', known[1].id],
      ['bridge', known[1].id.slice(0, 12)],
      ['none', 'none'],
      ['none', known[2].id],
      ['none', known[2].id.slice(0, 12)],
      ['docker_gwbridge', known[3].id.slice(0, 12)],
      ['ingress', '9uarl'],
    ])('%s as %s', (name, ref) => {
      const found = serviceOn(ref);
      expect(rules(found)).toEqual(['predefined-network']);
      expect(en(found[0])).toContain(`predefined network ${name}`);
      expect(rules(containerOn({ NetworkMode: ref }))).toEqual(['predefined-network']);
    });

    it('a swarm copy of host named by the engine (the wiring asks it) is the host network', () => {
      const request = requestFromServiceSpec({ TaskTemplate: { Networks: [{ Target: 'jnrvioery6j1ku9fyy7rnpqdo' }] } });
      expect(nameFromList('jnrvioery6j1ku9fyy7rnpqdo', known)).toBeNull();
      expect(rules(judgeWorkload(withNetworkNames(request, new Map([['jnrvioery6j1ku9fyy7rnpqdo', 'host']])), DEFAULT_POLICY))).toEqual(['host-namespace']);
    });

    it('a container joining a predefined network through its endpoints, by key or NetworkID', () => {
      expect(rules(containerOn({}, { NetworkingConfig: { EndpointsConfig: { host: {} } } }))).toEqual(['host-namespace']);
      expect(rules(containerOn({}, { NetworkingConfig: { EndpointsConfig: { mine: { NetworkID: known[1].id } } } }))).toEqual(['predefined-network']);
    });

    it('names the network where the form shows it', () => {
      expect(serviceOn('k2x0vd3yq1m5c8n4b7z6a9w0e', 'host')[0].at).toEqual(['networks', 1]);
      expect(containerOn({ NetworkMode: 'none' })[0].at).toEqual(['network']);
    });

    it('allows networks of the workloads own, by name or id, and the engine default', () => {
      expect(serviceOn('web_default', 'k2x0vd3yq1m5c8n4b7z6a9w0e', 'team-net')).toEqual([]);
      expect(containerOn({ NetworkMode: 'team-net' })).toEqual([]);
      expect(containerOn({ NetworkMode: 'default' })).toEqual([]);
      expect(containerOn({})).toEqual([]);
    });

    it('resolves as the engine does: full id, then name, then a unique prefix', () => {
      expect(nameFromList(known[5].id, known)).toBe('web_default');
      expect(nameFromList('web_default', known)).toBe('web_default');
      expect(nameFromList('k2x0', known)).toBe('web_default');
      expect(nameFromList('nothing-like-it', known)).toBeNull();
      expect(nameFromList('', known)).toBeNull();
    });

    it('a stack that names host, bridge or none as an external network, or as network_mode', () => {
      const translated = (yaml: string) => {
        const { stack: result, problems } = translateStack({ stackName: 's', composeText: yaml, variables: {}, files: {} });
        expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
        return judgeWorkload(named(mergeRequests([requestFromComposeDocument(parse(yaml)), ...result!.services.map((x) => requestFromServiceSpec(x.spec))])), DEFAULT_POLICY);
      };
      expect(rules(translated('services:\n  x:\n    image: a\n    networks: [outside]\nnetworks:\n  outside: { external: true, name: host }\n'))).toEqual(['host-namespace']);
      expect(rules(translated('services:\n  x:\n    image: a\n    networks: [outside]\nnetworks:\n  outside: { external: true, name: bridge }\n'))).toEqual(['predefined-network']);
      expect(rules(stack('services:\n  x:\n    image: a\n    network_mode: none\n'))).toEqual(['predefined-network']);
      expect(stack('services:\n  x:\n    image: a\n    network_mode: "service:y"\n').map((v) => v.rule)).toEqual(['shared-namespace']);
    });
  });

  describe('39. named volumes that reach the node: an allow-list of drivers and options', () => {
    it.each([
      ['tmpfs with size and owner', { type: 'tmpfs', device: 'tmpfs', o: 'size=64m,uid=1000,gid=1000,mode=1770' }],
      ['tmpfs with flags', { type: 'tmpfs', o: 'size=1g,noexec,nosuid,nodev' }],
      ['no options', {}],
    ])('allows %s', (_name, options) => {
      expect(judgeVolume({ driver: 'local', options }, DEFAULT_RULES)).toBeNull();
      expect(judgeVolume({ driver: null, options }, DEFAULT_RULES)).toBeNull();
    });

    it.each([
      ['none + bind', { type: 'none', o: 'bind', device: '/' }, 'host-bind'],
      ['rbind alone', { o: 'rbind', device: '/etc' }, 'host-bind'],
      ['tmpfs that binds', { type: 'tmpfs', device: '/', o: 'size=1m,bind' }, 'host-bind'],
      ['overlay of host folders', { type: 'overlay', device: 'overlay', o: 'lowerdir=/root:/etc,upperdir=/tmp/u,workdir=/tmp/w' }, 'volume-options'],
      ['a block device', { type: 'ext4', device: '/dev/sda1' }, 'volume-options'],
      ['nfs', { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/export' }, 'volume-options'],
      ['cifs', { type: 'cifs', device: '//10.0.0.1/share', o: 'username=x' }, 'volume-options'],
      ['a device alone', { device: '/dev/sda1' }, 'volume-options'],
      ['tmpfs on a device', { type: 'tmpfs', device: '/dev/sda1' }, 'volume-options'],
      ['tmpfs remounted', { type: 'tmpfs', o: 'remount,size=1m' }, 'volume-options'],
      ['tmpfs with a mount policy', { type: 'tmpfs', o: 'mpol=bind:0' }, 'volume-options'],
      ['an unknown option', { type: 'tmpfs', copy: '/' }, 'volume-options'],
    ])('refuses %s', (_name, options, rule) => {
      expect(judgeVolume({ driver: 'local', options }, DEFAULT_RULES)?.rule).toBe(rule);
    });

    it('refuses drivers other than local (a plugin may mount any host path)', () => {
      expect(judgeVolume({ driver: 'local-persist', options: { mountpoint: '/' } }, DEFAULT_RULES)?.rule).toBe('volume-driver');
      expect(judgeVolume({ driver: 'rexray', options: {} }, DEFAULT_RULES)?.rule).toBe('volume-driver');
    });

    it('the same judge for every spelling: top-level declarations, inline service and container mounts, a container volume driver', () => {
      const overlay = { type: 'overlay', device: 'overlay', o: 'lowerdir=/root:/etc' };
      const declared = stack('services:\n  x:\n    image: a\n    volumes: ["disk:/d"]\nvolumes:\n  disk:\n    driver_opts: { type: overlay, device: overlay, o: "lowerdir=/root:/etc" }\n');
      expect(rules(declared)).toEqual(['volume-options']);
      expect(declared[0]).toMatchObject({ where: 'volumes.disk', at: ['volumes', 'disk'] });
      expect(en(declared[0])).toMatch(/^Volume disk reaches the node's disks \(type overlay, device overlay, mount option lowerdir=\/root:\/etc\)/);
      expect(rules(service({ Mounts: [{ Type: 'volume', Source: 'v', Target: '/d', VolumeOptions: { DriverConfig: { Name: 'local', Options: overlay } } }] }))).toEqual(['volume-options']);
      expect(rules(container({ Mounts: [{ Type: 'volume', Source: 'v', Target: '/d', VolumeOptions: { DriverConfig: { Options: { type: 'ext4', device: '/dev/sda1' } } } }] }))).toEqual(['volume-options']);
      expect(rules(container({ Binds: ['v:/d'], VolumeDriver: 'local-persist' }))).toEqual(['volume-driver']);
      expect(rules(stack('services:\n  x:\n    image: a\n    volumes: ["v:/d"]\nvolumes:\n  v: { driver: local-persist, driver_opts: { mountpoint: / } }\n'))).toEqual(['volume-driver']);
    });

    it('a stack volume is reported once, from its declaration, even with its services translated', () => {
      const yaml = 'services:\n  x:\n    image: a\n    volumes: ["disk:/d"]\nvolumes:\n  disk:\n    driver_opts: { type: ext4, device: /dev/sda1 }\n';
      const { stack: translated } = translateStack({ stackName: 's', composeText: yaml, variables: {}, files: {} });
      const specs = translated!.services.map((x) => requestFromServiceSpec(x.spec));
      expect(rules(judgeWorkload(mergeRequests(specs), DEFAULT_POLICY))).toEqual(['volume-options']);
      expect(rules(judgeWorkload(mergeRequests([requestFromComposeDocument(parse(yaml)), ...specs]), DEFAULT_POLICY))).toEqual(['volume-options']);
    });

    it('an existing volume found on a node (added by the wiring) is judged like a declared one, at the mount that uses it', () => {
      const request = requestFromServiceSpec({ TaskTemplate: { ContainerSpec: { Image: 'x', Mounts: [{ Type: 'tmpfs', Target: '/t' }, { Type: 'volume', Source: 'etc', Target: '/e' }] } } });
      expect(namedVolumes(request)).toEqual(['etc']);
      const withExisting = { ...request, volumeDefinitions: mountsOfVolume(request, 'etc').map((at) => ({ name: 'etc', driver: 'local', options: { type: 'none', o: 'bind', device: '/etc' }, where: 'volumes.etc on lab-2', node: 'lab-2', at })) };
      const found = judgeWorkload(withExisting, DEFAULT_POLICY);
      expect(rules(found)).toEqual(['host-bind']);
      expect(found[0]).toMatchObject({ at: ['mounts', 1] });
      expect(en(found[0])).toMatch(/^Volume etc on lab-2 binds the host path \/etc: mounting it is not allowed\./);
    });

    it('named volumes in binds, mounts and compose entries are listed for the wiring, anonymous ones are not', () => {
      expect(namedVolumes(requestFromContainerCreate({ HostConfig: { Binds: ['a:/a', '/h:/h'], Mounts: [{ Type: 'volume', Source: 'b', Target: '/b' }, { Type: 'volume', Target: '/anon' }] } }))).toEqual(['a', 'b']);
      expect(namedVolumes(requestFromComposeDocument(parse('services:\n  x:\n    volumes: ["c:/c", "/anon"]\n')))).toEqual(['c']);
    });
  });

  describe('40. a container that already exists, judged by its inspect', () => {
    const inspect = (hostConfig: Record<string, unknown>) => judgeWorkload(requestFromContainerInspect({ Id: 'x', Name: '/x', HostConfig: hostConfig, NetworkSettings: { Networks: { bridge: {}, ingress: {} } } }), DEFAULT_POLICY);
    // What the lab's engines (20.10, cgroup v1) report for `docker run busybox`.
    const ordinary = { NetworkMode: 'default', CgroupnsMode: 'host', IpcMode: 'private', PidMode: '', Privileged: false, CapAdd: null, Devices: [], SecurityOpt: null, Binds: null };

    it('an ordinary container passes: its default network and the engine-default cgroup namespace are not requests', () => {
      expect(inspect(ordinary)).toEqual([]);
      expect(inspect({ ...ordinary, NetworkMode: 'web_default', Binds: ['data:/data'] })).toEqual([]);
    });

    it.each([
      ['privileged', { Privileged: true, SecurityOpt: ['label=disable'] }, ['privileged', 'unconfined']],
      ['the engine socket', { Binds: ['/var/run/docker.sock:/var/run/docker.sock:ro'] }, ['engine-socket']],
      ['a host bind through Mounts', { Mounts: [{ Type: 'bind', Source: '/', Target: '/host' }] }, ['host-bind']],
      ['the host network', { NetworkMode: 'host' }, ['host-namespace']],
      ['the host pid namespace', { PidMode: 'host' }, ['host-namespace']],
      ['added capabilities', { CapAdd: ['CAP_SYS_ADMIN'] }, ['capability']],
      ['a full capability set', { Capabilities: ['CAP_SYS_ADMIN', 'CAP_CHOWN'] }, ['capability']],
      ['devices', { Devices: [{ PathOnHost: '/dev/kvm', PathInContainer: '/dev/kvm', CgroupPermissions: 'rwm' }] }, ['devices']],
      ['an explicit predefined network', { NetworkMode: 'bridge' }, ['predefined-network']],
    ])('%s is refused', (_name, hostConfig, expected) => {
      expect(rules(inspect({ ...ordinary, ...hostConfig }))).toEqual(expected);
    });
  });

  it('reports every violation at once, each with where it is', () => {
    const v = container({ Privileged: true, Binds: ['/var/run/docker.sock:/s'], CapAdd: ['ALL'], PidMode: 'host' });
    expect(rules(v)).toEqual(['capability', 'engine-socket', 'host-namespace', 'privileged']);
    expect(v.every((x) => x.where && en(x))).toBe(true);
  });

  it('survives junk input', () => {
    expect(judgeWorkload(requestFromContainerCreate(null), DEFAULT_POLICY)).toEqual([]);
    expect(judgeWorkload(requestFromContainerCreate({ HostConfig: 'x' }), DEFAULT_POLICY)).toEqual([]);
    expect(judgeWorkload(requestFromServiceSpec(42), DEFAULT_POLICY)).toEqual([]);
    expect(judgeWorkload(requestFromComposeDocument('services'), DEFAULT_POLICY)).toEqual([]);
    expect(judgeWorkload(requestFromComposeDocument({ services: { x: null } }), DEFAULT_POLICY)).toEqual([]);
  });

  it('normalises host paths and parses binds', () => {
    expect(normaliseHostPath('//var/run/../run/docker.sock')).toBe('/var/run/docker.sock');
    expect(normaliseHostPath('/')).toBe('/');
    expect(normaliseHostPath('etc/')).toBe('/etc');
    expect(parseBind('data:/d')).toEqual({ type: 'volume', source: 'data', target: '/d' });
    expect(parseBind('/a:/b:ro')).toEqual({ type: 'bind', source: '/a', target: '/b', readOnly: true });
    expect(parseBind('/anonymous')).toEqual({ type: 'volume', source: null, target: '/anonymous' });
  });

  describe('findings in Chinese', () => {
    const zh = (v: Violation) => renderMessage(v.said, 'zh-CN');

    it('a bind of the engine socket says so in Chinese, with the path, the rule and the policy', () => {
      const [found] = container({ Binds: ['/var/run/docker.sock:/s'] });
      expect(en(found)).toBe('Mounting the engine\'s socket (/var/run/docker.sock) gives control of the host. (rule Engine socket of policy "Default" (built in))');
      expect(zh(found)).toBe('挂载引擎的套接字（/var/run/docker.sock）会获得主机的控制权。（策略 “Default”（内置） 的规则“引擎套接字”）');
    });

    it('a named volume\'s options are listed in Chinese, each with its value', () => {
      const [declared] = stack('services:\n  a:\n    image: x\n    volumes: [disk:/d]\nvolumes:\n  disk:\n    driver_opts: {type: ext4, device: /dev/sda1}\n');
      expect(en(declared)).toMatch(/^Volume disk reaches the node's disks \(type ext4, device \/dev\/sda1\); only tmpfs volumes/);
      expect(zh(declared)).toMatch(/^卷 disk 会访问节点的磁盘（类型 ext4、设备 \/dev\/sda1）；只有 tmpfs 卷/);
    });

    it('a service\'s missing labels are named in Chinese', () => {
      const strict = { ...DEFAULT_POLICY, rules: { ...DEFAULT_RULES, labels: ['team', 'owner'] } };
      const found = judgeWorkload(requestFromServiceSpec({ Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'x' } } }), strict);
      expect(zh(found.find((f) => f.rule === 'labels')!)).toContain('服务 web 缺少此策略要求的标签 team, owner。');
    });
  });
});
