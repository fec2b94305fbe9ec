// What a workload may ask of a host. Container creates, service creates and updates, stack files
// and the containers that already run all reach the engine in different spellings; each is first
// reduced to one WorkloadRequest and judged by one function against one policy (the default
// policy's rules are Wharf's built-in ones; an administrator's policy shapes them), so no spelling
// slips through. The judge is an allow-list where one is possible (bind paths, capabilities, volume
// drivers and their options, networks, images): what the policy does not allow is refused. Pure:
// the wiring (guard-workload.ts) first names the networks a request refers to by id and adds the
// existing volumes it mounts by name, read from the engines, and finds the policy in effect.
import 'server-only';
import picomatch from 'picomatch';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { listed } from '@/lib/models/joined-messages.ts';
import { capabilityName, normaliseHostPath, policyLabel, ruleName, underPrefix, type Policy, type PolicyRules } from '@/lib/models/policies/policy-rules.ts';

export { normaliseHostPath };

/** Where a finding sits in the request's own terms (['mounts', 2], ['networks', 0], ['volumes', 'data']): forms put it on a field. */
export type PolicyPath = readonly (string | number)[];

export type PolicyVolume = { driver: string | null; options: Record<string, string> };
export type PolicyMount = { type: string; source: string | null; target: string; readOnly?: boolean; volume?: PolicyVolume; at?: PolicyPath };
/** One container or task the request runs: what the image, limits and labels rules look at. */
export type PolicyWorkload = {
  /** "The container", "Service web": how a finding names it. */
  what: Message;
  image: string | null;
  memoryBytes: number | null;
  nanoCpus: number | null;
  labels: Record<string, string>;
  at?: PolicyPath;
};
/** A network the workload joins, as written (a name, a full id or an id prefix) until the wiring names it. */
export type PolicyNetwork = { ref: string; where: string; at?: PolicyPath };
/** A named volume with its driver and options: declared by a stack file, or found on a node. */
export type VolumeDefinition = PolicyVolume & { name: string; where: string; at?: PolicyPath; /** The node it already exists on (found by the wiring). */ node?: string };

export type WorkloadRequest = {
  privileged: boolean;
  mounts: PolicyMount[];
  capAdd: string[];
  securityOpt: string[];
  namespaces: Partial<Record<'network' | 'pid' | 'ipc' | 'uts' | 'userns' | 'cgroupns', string>>;
  networks: PolicyNetwork[];
  devices: number;
  deviceCgroupRules: number;
  deviceRequests: number;
  sysctls: number;
  cgroupParent: string | null;
  /** HostConfig.VolumeDriver: the driver of the volumes a container's binds create. */
  volumeDriver: string | null;
  volumeDefinitions: VolumeDefinition[];
  workloads: PolicyWorkload[];
};

/** A finding: its rule, what it says (naming the rule and the policy), where it sits in the request. */
export type Violation = { rule: string; said: Message; where: string; at?: PolicyPath };

/** The same finding said twice (two mounts of one volume) is reported once. */
export const sameSaid = (a: Violation, b: Violation) => JSON.stringify(a.said) === JSON.stringify(b.said);

/** The capabilities every container gets from the engine anyway: adding one grants nothing. */
const ENGINE_DEFAULT_CAPABILITIES = new Set(['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE']);

const SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock'];

/** The networks every engine (or every swarm node) has: node-local, shared by everything on the
 * node, outside the networks a team makes for its workloads. host shares the node's own stack. */
export const PREDEFINED_NETWORKS = ['host', 'bridge', 'none', 'ingress', 'docker_gwbridge'] as const;
const isPredefined = (name: string) => (PREDEFINED_NETWORKS as readonly string[]).includes(name.trim().toLowerCase());

/** What a driver allowed with tmpfs options only may carry (the default policy's local driver):
 * plain, or a tmpfs with these settings. Other mount types and flags are refused. */
const LOCAL_OPTION_KEYS = new Set(['type', 'device', 'o', 'size']);
const TMPFS_SETTINGS = new Set(['size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks']);
const TMPFS_FLAGS = new Set(['ro', 'rw', 'noexec', 'nosuid', 'nodev']);

export const emptyRequest = (): WorkloadRequest => ({
  privileged: false,
  mounts: [],
  capAdd: [],
  securityOpt: [],
  namespaces: {},
  networks: [],
  devices: 0,
  deviceCgroupRules: 0,
  deviceRequests: 0,
  sysctls: 0,
  cgroupParent: null,
  volumeDriver: null,
  volumeDefinitions: [],
  workloads: [],
});

/** seccomp=unconfined, seccomp:unconfined, apparmor=unconfined, label=disable, label:disable … */
function unconfinedOption(option: string): string | null {
  const [key, value] = option.trim().toLowerCase().split(/[=:]/, 2);
  if ((key === 'seccomp' || key === 'apparmor') && value === 'unconfined') return `${key}=unconfined`;
  if (key === 'label' && value === 'disable') return 'label=disable';
  if (key === 'systempaths' && value === 'unconfined') return 'systempaths=unconfined';
  return null;
}

/** "size=64m,uid=1000" → its items, each as written. */
const mountOptions = (o: string | undefined) => (o ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const optionKey = (item: string) => item.split('=', 1)[0].toLowerCase();

/** Whether a bind of this host path is allowed: under a listed path, read-write or (read-only binds only) any. */
function bindAllowed(rules: PolicyRules, source: string, readOnly: boolean): 'yes' | 'read-only' | 'no' {
  const matching = rules.binds.filter((b) => underPrefix(source, b.path));
  if (matching.some((b) => !b.readOnly)) return 'yes';
  if (matching.length) return readOnly ? 'yes' : 'read-only';
  return 'no';
}

/**
 * What a policy says of a named volume, or null when it allows it. A local volume's options are
 * handed to mount(2) on the node, so they can reach the node's disks or paths: a bind (type none,
 * o bind) is judged as a bind of its device (read-write, as its mounts are not known), and a driver
 * allowed with tmpfs options only refuses anything else (ext4 on /dev/sda1, an overlay of host
 * folders, a network filesystem).
 */
export type VolumeFinding = { rule: string; why: (subject: Message, onNode: boolean) => Message };

export function judgeVolume(volume: PolicyVolume, rules: PolicyRules): VolumeFinding | null {
  const driver = (volume.driver ?? '').trim() || 'local';
  const allowed = rules.volumeDrivers.find((d) => d.name === driver);
  const node = (onNode: boolean) => (onNode ? 'yes' : 'no');
  if (!allowed) {
    const drivers = rules.volumeDrivers.map((d) => d.name).join(', ');
    return { rule: 'volume-driver', why: (subject, onNode) => msg('policyText.volume.driver', { subject, driver, count: rules.volumeDrivers.length, drivers, onNode: node(onNode) }) };
  }
  const keys = Object.keys(volume.options);
  if (keys.length === 0) return null;
  const { type = '', device = '', o } = volume.options;
  const items = mountOptions(o);
  if (driver === 'local' && (type.trim().toLowerCase() === 'none' || items.some((item) => ['bind', 'rbind'].includes(optionKey(item))))) {
    if (device && bindAllowed(rules, device, false) === 'yes') return null;
    return {
      rule: 'host-bind',
      why: (subject, onNode) => (device ? msg('policyText.volume.bindPath', { subject, path: normaliseHostPath(device), onNode: node(onNode) }) : msg('policyText.volume.bindHost', { subject, onNode: node(onNode) })),
    };
  }
  if (allowed.options === 'any') return null;
  const refused: Message[] = [
    ...keys.filter((k) => !LOCAL_OPTION_KEYS.has(k)).map((key) => msg('policyText.volume.option', { key })),
    ...(type.trim().toLowerCase() === 'tmpfs' ? [] : [type ? msg('policyText.volume.type', { type }) : msg('policyText.volume.noType')]),
    ...(device && device !== 'tmpfs' ? [msg('policyText.volume.device', { device })] : []),
    ...items.filter((item) => !(TMPFS_FLAGS.has(item.toLowerCase()) || (item.includes('=') && TMPFS_SETTINGS.has(optionKey(item))))).map((option) => msg('policyText.volume.mountOption', { option })),
  ];
  if (refused.length === 0) return null;
  return { rule: 'volume-options', why: (subject, onNode) => msg('policyText.volume.options', { subject, refused: listed(refused) ?? '', onNode: node(onNode) }) };
}

const volumeSignature = (rule: string, volume: PolicyVolume) => `${rule}|${(volume.driver ?? '').trim() || 'local'}|${JSON.stringify(Object.entries(volume.options).sort())}`;

/** A reference as the engine pulls it, without tag or digest: nginx → docker.io/library/nginx. */
export function imageRepository(ref: string): string {
  const withoutDigest = ref.trim().split('@', 1)[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const parts = name.split('/');
  const hasRegistry = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  const registry = hasRegistry ? (parts[0].toLowerCase() === 'index.docker.io' ? 'docker.io' : parts[0].toLowerCase()) : 'docker.io';
  const path = hasRegistry ? parts.slice(1) : parts;
  if (registry === 'docker.io' && path.length === 1) path.unshift('library');
  return `${registry}/${path.join('/').toLowerCase()}`;
}

/** Whether an image may run: any image when the policy lists no pattern. */
export const imageAllowed = (rules: PolicyRules, ref: string) => rules.images.length === 0 || picomatch.isMatch(imageRepository(ref), rules.images.map((p) => p.toLowerCase()), { dot: true });

const describeMb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))}`;
const describeCpus = (nano: number) => `${Math.round(nano / 1e7) / 100}`;

/** The findings of a request under a policy: each names its rule and the policy (name, version). */
/** Network drivers that put a network's containers on the host's own network (a parent interface). */
const HOST_LEVEL_NETWORK_DRIVERS = new Set(['macvlan', 'ipvlan']);

/**
 * A network asked to be created on a host: macvlan and ipvlan reach the host's own network, which
 * the policy's host network rule decides, as it does joining the host network.
 */
export function judgeNetworkCreate(network: { name: string; driver: string }, policy: Policy): Violation[] {
  if (!HOST_LEVEL_NETWORK_DRIVERS.has(network.driver) || policy.rules.hostNamespaces.network) return [];
  const finding = msg('policyText.rules.hostNetworkDriver', { driver: network.driver });
  return [{ rule: 'host-namespace', where: 'driver', at: ['driver'], said: msg('policyText.finding', { finding, rule: ruleName('host-namespace'), policy: policyLabel(policy) }) }];
}

export function judgeWorkload(request: WorkloadRequest, policy: Policy): Violation[] {
  const { rules } = policy;
  const found: Violation[] = [];
  const add = (rule: string, where: string, finding: Message, at?: PolicyPath) =>
    found.push({ rule, where, said: msg('policyText.finding', { finding, rule: ruleName(rule), policy: policyLabel(policy) }), ...(at ? { at } : {}) });

  if (request.privileged && !rules.privileged) add('privileged', 'privileged', msg('policyText.rules.privileged'), ['privileged']);

  // A stack's own volume definitions come back inline in its services' mounts: report each once.
  const declared = new Set<string>();
  for (const volume of request.volumeDefinitions) {
    const finding = judgeVolume(volume, rules);
    if (!finding) continue;
    if (volume.node) add(finding.rule, volume.where, finding.why(msg('policyText.subject.volumeOnNode', { name: volume.name, node: volume.node }), true), volume.at);
    else {
      declared.add(volumeSignature(finding.rule, volume));
      add(finding.rule, volume.where, finding.why(msg('policyText.subject.volume', { name: volume.name }), false), volume.at);
    }
  }

  request.mounts.forEach((mount, i) => {
    const where = `mounts[${i}] (${mount.target})`;
    const at = mount.at ?? ['mounts', i];
    if (mount.type === 'bind' && mount.source !== null) {
      const source = normaliseHostPath(mount.source);
      if (SOCKETS.includes(source)) {
        if (!rules.engineSocket) add('engine-socket', where, msg('policyText.rules.engineSocket', { source }), at);
      } else {
        const verdict = bindAllowed(rules, source, mount.readOnly === true);
        if (verdict === 'no') add('host-bind', where, msg('policyText.rules.hostBind', { source }), at);
        else if (verdict === 'read-only') add('bind-read-only', where, msg('policyText.rules.bindReadOnly', { source }), at);
      }
    }
    if (mount.type === 'volume' && mount.volume) {
      const finding = judgeVolume(mount.volume, rules);
      if (finding && !declared.has(volumeSignature(finding.rule, mount.volume))) add(finding.rule, where, finding.why(msg('policyText.subject.mountedAt', { target: mount.target }), false), at);
    }
    if (mount.type === 'npipe') add('host-bind', where, msg('policyText.rules.namedPipe'), at);
  });

  if (request.volumeDriver) {
    const finding = judgeVolume({ driver: request.volumeDriver, options: {} }, rules);
    if (finding) add(finding.rule, 'volume_driver', finding.why(msg('policyText.subject.containerVolumes'), false));
  }

  for (const network of request.networks) {
    const name = network.ref.trim().toLowerCase();
    if (name === 'host') {
      if (!rules.hostNamespaces.network) add('host-namespace', network.where, msg('policyText.rules.hostNetwork'), network.at);
    } else if (isPredefined(name) && !(rules.networks as string[]).includes(name)) {
      add('predefined-network', network.where, msg('policyText.rules.predefinedNetwork', { name }), network.at);
    }
  }

  const allowedCaps = new Set(rules.capabilities.map(capabilityName));
  for (const cap of request.capAdd) {
    const name = capabilityName(cap);
    if (ENGINE_DEFAULT_CAPABILITIES.has(name) || allowedCaps.has('ALL') || allowedCaps.has(name)) continue;
    add('capability', 'cap_add', msg('policyText.rules.capability', { name, count: allowedCaps.size, allowed: [...allowedCaps].join(', ') }));
  }

  if (!rules.unconfined) {
    for (const option of request.securityOpt) {
      const unconfined = unconfinedOption(option);
      if (unconfined) add('unconfined', 'security_opt', msg('policyText.rules.unconfined', { option: unconfined }));
    }
  }

  for (const [namespace, mode] of Object.entries(request.namespaces)) {
    if (!mode) continue;
    const value = mode.trim().toLowerCase();
    if (value === 'host' && !rules.hostNamespaces[namespace as keyof PolicyRules['hostNamespaces']]) add('host-namespace', namespace, msg('policyText.rules.hostNamespace', { namespace }));
    else if ((value.startsWith('container:') || value.startsWith('service:')) && !rules.sharedNamespaces) add('shared-namespace', namespace, msg('policyText.rules.sharedNamespace', { namespace }));
  }

  if (!rules.devices) {
    if (request.devices) add('devices', 'devices', msg('policyText.rules.devices'));
    if (request.deviceCgroupRules) add('devices', 'device_cgroup_rules', msg('policyText.rules.deviceCgroupRules'));
    if (request.deviceRequests) add('devices', 'device_requests', msg('policyText.rules.deviceRequests'));
  }
  if (request.sysctls && !rules.sysctls) add('sysctls', 'sysctls', msg('policyText.rules.sysctls'));
  if (request.cgroupParent && !rules.cgroupParent) add('cgroup-parent', 'cgroup_parent', msg('policyText.rules.cgroupParent'));

  for (const w of request.workloads) {
    const at = w.at;
    if (rules.images.length) {
      if (!w.image) add('image', 'image', msg('policyText.rules.noImage', { what: w.what, images: rules.images.join(', ') }), at ?? ['image']);
      else if (!imageAllowed(rules, w.image)) add('image', 'image', msg('policyText.rules.image', { image: w.image, repository: imageRepository(w.image), images: rules.images.join(', ') }), at ?? ['image']);
    }
    const { required, maxMemoryMb, maxCpus } = rules.limits;
    if (w.memoryBytes === null && (required || maxMemoryMb !== null)) add('limits', 'memory', msg('policyText.rules.noMemory', { what: w.what, hasMax: maxMemoryMb === null ? 'no' : 'yes', max: String(maxMemoryMb ?? '') }), at ?? ['memory']);
    else if (w.memoryBytes !== null && maxMemoryMb !== null && w.memoryBytes > maxMemoryMb * 1024 * 1024) add('limits', 'memory', msg('policyText.rules.memory', { what: w.what, asked: describeMb(w.memoryBytes), max: String(maxMemoryMb) }), at ?? ['memory']);
    if (w.nanoCpus === null && (required || maxCpus !== null)) add('limits', 'cpus', msg('policyText.rules.noCpus', { what: w.what, hasMax: maxCpus === null ? 'no' : 'yes', max: String(maxCpus ?? '') }), at ?? ['cpus']);
    else if (w.nanoCpus !== null && maxCpus !== null && w.nanoCpus > maxCpus * 1e9) add('limits', 'cpus', msg('policyText.rules.cpus', { what: w.what, asked: describeCpus(w.nanoCpus), max: String(maxCpus) }), at ?? ['cpus']);
    const missing = rules.labels.filter((key) => !Object.hasOwn(w.labels, key));
    if (missing.length) add('labels', 'labels', msg('policyText.rules.labels', { what: w.what, count: missing.length, labels: missing.join(', ') }), at ?? ['labels']);
  }

  return found;
}

// ---------- networks by name ----------

export type KnownNetwork = { id: string; name: string };

/**
 * The name an engine gives a network reference, from its network list, the way it resolves one:
 * a full id, then a name, then an id prefix. A prefix of a predefined network's id counts as that
 * network even when it also starts another id (the engine may refuse it as ambiguous, or not).
 * Null when the list does not know it (a swarm's own copies of host and bridge are not listed:
 * the wiring asks the engine for those).
 */
export function nameFromList(ref: string, known: readonly KnownNetwork[]): string | null {
  const byId = known.find((n) => n.id === ref);
  if (byId) return byId.name;
  if (known.some((n) => n.name === ref)) return ref;
  const prefixed = ref.length > 0 ? known.filter((n) => n.id.startsWith(ref.toLowerCase())) : [];
  return prefixed.find((n) => isPredefined(n.name))?.name ?? (prefixed.length === 1 ? prefixed[0].name : null);
}

/** The network references a request makes, once each. */
export const networkRefs = (request: WorkloadRequest): string[] => [...new Set(request.networks.map((n) => n.ref).filter(Boolean))];

/** The request with every network reference replaced by the name it resolves to (unknown ones stay as written). */
export const withNetworkNames = (request: WorkloadRequest, names: ReadonlyMap<string, string>): WorkloadRequest => ({
  ...request,
  networks: request.networks.map((n) => ({ ...n, ref: names.get(n.ref) ?? n.ref })),
});

/** The volumes a request mounts by name (they may already exist on its nodes, with options of their own). */
export const namedVolumes = (request: WorkloadRequest): string[] => [...new Set(request.mounts.filter((m) => m.type === 'volume' && m.source).map((m) => m.source as string))];

/** The mounts that use each named volume, for findings about an existing volume. */
export const mountsOfVolume = (request: WorkloadRequest, name: string): PolicyPath[] =>
  request.mounts.flatMap((m, i) => (m.type === 'volume' && m.source === name ? [m.at ?? ['mounts', i]] : []));

// ---------- adapters: each spelling into one request ----------

const text = (v: unknown) => (typeof v === 'string' ? v : '');
/** Compose values may be strings after interpolation ("${PRIV}" → "true"): read them as the CLI would. */
const truthy = (v: unknown) => v === true || (typeof v === 'string' && /^(true|yes|y|on|1)$/i.test(v.trim()));
const record = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown) => (Array.isArray(v) ? v : []);
const count = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0);
const stringRecord = (v: unknown) => Object.fromEntries(Object.entries(record(v)).map(([k, val]) => [k, String(val)]));

/** "src:dst[:opts]" from HostConfig.Binds: a source starting with / (or . or ~) is a host path. */
export function parseBind(bind: string): PolicyMount {
  const parts = bind.split(':');
  const [source, target] = parts.length >= 2 ? [parts[0], parts[1]] : [null, parts[0]];
  const isPath = source !== null && /^[/.~]/.test(source);
  const readOnly = parts.length >= 3 && parts[2].split(',').some((o) => o.trim().toLowerCase() === 'ro');
  return { type: isPath ? 'bind' : 'volume', source, target: target ?? '', ...(readOnly ? { readOnly } : {}) };
}

function apiMounts(mounts: unknown, at: (i: number) => PolicyPath): PolicyMount[] {
  return list(mounts).map((m, i) => {
    const mount = record(m);
    const driverConfig = record(record(mount.VolumeOptions).DriverConfig);
    const options = stringRecord(driverConfig.Options);
    const driver = text(driverConfig.Name) || null;
    return {
      type: text(mount.Type) || 'volume',
      source: typeof mount.Source === 'string' && mount.Source !== '' ? mount.Source : null,
      target: text(mount.Target),
      ...(mount.ReadOnly === true ? { readOnly: true } : {}),
      ...(driver || Object.keys(options).length ? { volume: { driver, options } } : {}),
      at: at(i),
    };
  });
}

/** NetworkMode "host", "bridge", "<name or id>", "container:<id>", "default": the namespace form is judged as a namespace, the rest as a network. */
function networkMode(mode: string, where: string): { namespace: string; networks: PolicyNetwork[] } {
  const value = mode.trim();
  if (value === '' || value === 'default') return { namespace: '', networks: [] };
  if (/^(container|service):/i.test(value)) return { namespace: value, networks: [] };
  return { namespace: '', networks: [{ ref: value, where, at: ['network'] }] };
}

const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);

/** A container's CPU limit in billionths of a CPU: NanoCpus, or a CFS quota over its period. */
function containerNanoCpus(host: Record<string, unknown>): number | null {
  const nano = positive(host.NanoCpus);
  if (nano !== null) return nano;
  const quota = positive(host.CpuQuota);
  return quota === null ? null : Math.round((quota / (positive(host.CpuPeriod) ?? 100_000)) * 1e9);
}

/** POST /containers/create body. */
export function requestFromContainerCreate(body: unknown): WorkloadRequest {
  const host = record(record(body).HostConfig);
  const endpoints = record(record(record(body).NetworkingConfig).EndpointsConfig);
  const mode = networkMode(text(host.NetworkMode), 'network_mode');
  const binds = list(host.Binds).map((b, i) => ({ ...parseBind(String(b)), at: ['binds', i] as PolicyPath }));
  return {
    ...emptyRequest(),
    privileged: host.Privileged === true,
    mounts: [...binds, ...apiMounts(host.Mounts, (i) => ['mounts', i])],
    // Capabilities (API 1.40–1.42) replaces the default set: what it lists is as good as added.
    capAdd: [...list(host.CapAdd), ...list(host.Capabilities)].map(String),
    securityOpt: list(host.SecurityOpt).map(String),
    namespaces: { network: mode.namespace, pid: text(host.PidMode), ipc: text(host.IpcMode), uts: text(host.UTSMode), userns: text(host.UsernsMode), cgroupns: text(host.CgroupnsMode) === 'host' ? 'host' : '' },
    networks: [
      ...mode.networks,
      ...Object.entries(endpoints).flatMap(([key, settings]) => {
        const id = text(record(settings).NetworkID);
        return [{ ref: key, where: `networks.${key}`, at: ['network'] }, ...(id && id !== key ? [{ ref: id, where: `networks.${key}`, at: ['network'] }] : [])];
      }),
    ],
    devices: count(host.Devices),
    deviceCgroupRules: count(host.DeviceCgroupRules),
    deviceRequests: count(host.DeviceRequests),
    sysctls: count(host.Sysctls),
    cgroupParent: text(host.CgroupParent) || null,
    volumeDriver: text(host.VolumeDriver) || null,
    workloads: [{ what: msg('policyText.workload.container'), image: text(record(body).Image) || null, memoryBytes: positive(host.Memory), nanoCpus: containerNanoCpus(host), labels: stringRecord(record(body).Labels) }],
  };
}

/**
 * GET /containers/{id}/json: what a container that already exists runs with, judged as if it were
 * asked for now (its HostConfig is its create body's). Two readings differ from a create: the
 * network is the one asked for (NetworkSettings also lists the default bridge and a service's
 * ingress, which nobody asked for), and the cgroup namespace is not judged, because "host" is the
 * engine's own default on cgroup v1 and the inspect cannot tell it from a request.
 */
export function requestFromContainerInspect(inspect: unknown): WorkloadRequest {
  const config = record(record(inspect).Config);
  const request = requestFromContainerCreate({ HostConfig: record(inspect).HostConfig, Image: config.Image, Labels: config.Labels });
  return { ...request, namespaces: { ...request.namespaces, cgroupns: '' } };
}

/** A swarm ServiceSpec (create or update): the container spec inside the task template. */
export function requestFromServiceSpec(spec: unknown): WorkloadRequest {
  const task = record(record(spec).TaskTemplate);
  const container = record(task.ContainerSpec);
  const privileges = record(container.Privileges);
  // The task template's networks, then the deprecated top-level ones (the engine reads either).
  const networks = [...list(task.Networks).map((n, i) => ({ n, at: ['networks', i] as PolicyPath })), ...list(record(spec).Networks).map((n, i) => ({ n, at: ['Networks', i] as PolicyPath }))];
  return {
    ...emptyRequest(),
    mounts: apiMounts(container.Mounts, (i) => ['mounts', i]),
    capAdd: list(container.CapabilityAdd).map(String),
    securityOpt: [
      ...(record(privileges.Seccomp).Mode === 'unconfined' ? ['seccomp=unconfined'] : []),
      ...(record(privileges.AppArmor).Mode === 'disabled' ? ['apparmor=unconfined'] : []),
      ...(record(privileges.SELinuxContext).Disable === true ? ['label=disable'] : []),
    ],
    networks: networks.map(({ n, at }) => ({ ref: text(record(n).Target), where: `networks[${at[1]}]`, at })).filter((n) => n.ref !== ''),
    sysctls: count(container.Sysctls),
    workloads: [
      {
        what: text(record(spec).Name) ? msg('policyText.workload.service', { name: text(record(spec).Name) }) : msg('policyText.workload.unnamedService'),
        image: text(container.Image) || null,
        memoryBytes: positive(record(record(task.Resources).Limits).MemoryBytes),
        nanoCpus: positive(record(record(task.Resources).Limits).NanoCPUs),
        labels: { ...stringRecord(record(spec).Labels), ...stringRecord(container.Labels) },
      },
    ],
  };
}

/** The request with every mount and network placed at `at` (a stack's translated service, found at its key in the file). */
export const placedAt = (request: WorkloadRequest, at: PolicyPath): WorkloadRequest => ({
  ...request,
  mounts: request.mounts.map((m) => ({ ...m, at })),
  networks: request.networks.map((n) => ({ ...n, at })),
  workloads: request.workloads.map((w) => ({ ...w, at })),
});

/** Merges requests (a stack = its services plus its volume definitions). */
export function mergeRequests(requests: WorkloadRequest[]): WorkloadRequest {
  const merged = emptyRequest();
  for (const r of requests) {
    merged.privileged ||= r.privileged;
    merged.mounts.push(...r.mounts);
    merged.capAdd.push(...r.capAdd);
    merged.securityOpt.push(...r.securityOpt);
    for (const [k, v] of Object.entries(r.namespaces)) if (v) merged.namespaces[k as keyof WorkloadRequest['namespaces']] = v;
    merged.networks.push(...r.networks);
    merged.devices += r.devices;
    merged.deviceCgroupRules += r.deviceCgroupRules;
    merged.deviceRequests += r.deviceRequests;
    merged.sysctls += r.sysctls;
    merged.cgroupParent ||= r.cgroupParent;
    merged.volumeDriver ||= r.volumeDriver;
    merged.volumeDefinitions.push(...r.volumeDefinitions);
    merged.workloads.push(...r.workloads);
  }
  return merged;
}

/** Short volume syntax in compose: "src:dst[:mode]" where src may be a host path or a volume name. */
function composeVolume(entry: unknown, at: PolicyPath): PolicyMount {
  if (typeof entry === 'string') return { ...parseBind(entry), at };
  const v = record(entry);
  const options = stringRecord(record(record(v.volume).driver_opts));
  return {
    type: text(v.type) || 'volume',
    source: typeof v.source === 'string' ? v.source : null,
    target: text(v.target),
    ...(truthy(v.read_only) ? { readOnly: true } : {}),
    ...(Object.keys(options).length ? { volume: { driver: null, options } } : {}),
    at,
  };
}

/** A parsed compose document, before translation: swarm ignores some keys (privileged, devices,
 * network_mode…) that a plain `docker compose` on the same file would honour, so they are judged
 * as written. */
export function requestFromComposeDocument(document: unknown): WorkloadRequest {
  const services = record(record(document).services);
  const requests = Object.entries(services).map(([key, raw]) => {
    const s = record(raw);
    const mode = networkMode(text(s.network_mode), `services.${key}.network_mode`);
    return {
      ...emptyRequest(),
      privileged: truthy(s.privileged),
      mounts: list(s.volumes).map((v, i) => composeVolume(v, ['services', key, 'volumes', i])),
      capAdd: list(s.cap_add).map(String),
      securityOpt: list(s.security_opt).map(String),
      namespaces: { network: mode.namespace, pid: text(s.pid), ipc: text(s.ipc), uts: text(s.uts), userns: text(s.userns_mode), cgroupns: text(s.cgroup) === 'host' ? 'host' : '' },
      networks: mode.networks.map((n) => ({ ...n, at: ['services', key, 'network_mode'] })),
      devices: count(s.devices),
      deviceCgroupRules: count(s.device_cgroup_rules),
      sysctls: count(s.sysctls),
      cgroupParent: text(s.cgroup_parent) || null,
      volumeDriver: text(s.volume_driver) || null,
      // Image, limits and labels are judged on the service specs the file translates to (what runs).
      workloads: [],
    } satisfies WorkloadRequest;
  });
  // External volumes exist already: the wiring finds them on the nodes by name.
  const volumes = Object.entries(record(record(document).volumes))
    .filter(([, raw]) => !truthy(record(raw).external))
    .map(([name, raw]): VolumeDefinition => {
      const v = record(raw);
      return { name, driver: text(v.driver) || null, options: stringRecord(v.driver_opts), where: `volumes.${name}`, at: ['volumes', name] };
    });
  return mergeRequests([...requests, { ...emptyRequest(), volumeDefinitions: volumes }]);
}
