// What a workload may ask of a host. Container creates, service creates and updates, and stack
// files all reach the engine in different spellings; each is first reduced to one WorkloadRequest
// and judged by one function, so no spelling slips through. Pure.
import 'server-only';
import path from 'node:path';

export type PolicyMount = { type: string; source: string | null; target: string; driverOptions?: Record<string, string> };

export type WorkloadRequest = {
  privileged: boolean;
  mounts: PolicyMount[];
  capAdd: string[];
  securityOpt: string[];
  namespaces: Partial<Record<'network' | 'pid' | 'ipc' | 'uts' | 'userns' | 'cgroupns', string>>;
  devices: number;
  deviceCgroupRules: number;
  deviceRequests: number;
  sysctls: number;
  cgroupParent: string | null;
  /** Named volumes the request defines (stack files), with their driver options. */
  volumeDefinitions: { name: string; driver: string | null; driverOptions: Record<string, string> }[];
};

export type Violation = { rule: string; message: string; where: string };

/** Capabilities that amount to root on the host (or close to it). */
const DANGEROUS_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH', 'NET_ADMIN', 'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON', 'SYSLOG']);

const SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock'];

export const emptyRequest = (): WorkloadRequest => ({
  privileged: false,
  mounts: [],
  capAdd: [],
  securityOpt: [],
  namespaces: {},
  devices: 0,
  deviceCgroupRules: 0,
  deviceRequests: 0,
  sysctls: 0,
  cgroupParent: null,
  volumeDefinitions: [],
});

/** A host path as the kernel will resolve it: '//var/run/../run/docker.sock' → '/run/docker.sock'. */
export function normaliseHostPath(p: string): string {
  return path.posix.normalize(`/${p}`).replace(/\/+$/, '') || '/';
}

const capName = (cap: string) => cap.trim().toUpperCase().replace(/^CAP_/, '');

/** seccomp=unconfined, seccomp:unconfined, apparmor=unconfined, label=disable, label:disable … */
function unconfinedOption(option: string): string | null {
  const [key, value] = option.trim().toLowerCase().split(/[=:]/, 2);
  if ((key === 'seccomp' || key === 'apparmor') && value === 'unconfined') return `${key}=unconfined`;
  if (key === 'label' && value === 'disable') return 'label=disable';
  if (key === 'systempaths' && value === 'unconfined') return 'systempaths=unconfined';
  return null;
}

/** A local volume whose options make it a bind mount of a host path (type none, o bind, device /). */
function isDisguisedBind(driver: string | null, options: Record<string, string>): string | null {
  if (driver && driver !== 'local') return null;
  const o = (options.o ?? '').split(',').map((s) => s.trim());
  if (options.device && (o.includes('bind') || o.includes('rbind') || options.type === 'none')) return options.device;
  return null;
}

export function judgeWorkload(request: WorkloadRequest): Violation[] {
  const found: Violation[] = [];
  const add = (rule: string, where: string, message: string) => found.push({ rule, where, message });

  if (request.privileged) add('privileged', 'privileged', 'Privileged mode gives the container full control of the host.');

  request.mounts.forEach((mount, i) => {
    const where = `mounts[${i}] (${mount.target})`;
    if (mount.type === 'bind' && mount.source !== null) {
      const source = normaliseHostPath(mount.source);
      if (SOCKETS.includes(source)) add('engine-socket', where, `Mounting the engine's socket (${source}) gives control of the host.`);
      else add('host-bind', where, `Bind-mounting the host path ${source} is not allowed.`);
    }
    if (mount.type === 'volume' && mount.driverOptions) {
      const device = isDisguisedBind(null, mount.driverOptions);
      if (device) add('host-bind', where, `A volume that binds the host path ${normaliseHostPath(device)} is not allowed.`);
    }
    if (mount.type === 'npipe') add('host-bind', where, 'Mounting a host named pipe is not allowed.');
  });

  for (const volume of request.volumeDefinitions) {
    const device = isDisguisedBind(volume.driver, volume.driverOptions);
    if (device) add('host-bind', `volumes.${volume.name}`, `Volume ${volume.name} binds the host path ${normaliseHostPath(device)}: not allowed.`);
  }

  for (const cap of request.capAdd) {
    const name = capName(cap);
    if (DANGEROUS_CAPABILITIES.has(name)) add('capability', 'cap_add', `Adding the capability ${name} is not allowed.`);
  }

  for (const option of request.securityOpt) {
    const unconfined = unconfinedOption(option);
    if (unconfined) add('unconfined', 'security_opt', `${unconfined} removes the container's confinement: not allowed.`);
  }

  for (const [namespace, mode] of Object.entries(request.namespaces)) {
    if (!mode) continue;
    const value = mode.trim().toLowerCase();
    if (value === 'host') add('host-namespace', namespace, `Sharing the host's ${namespace} namespace is not allowed.`);
    else if (value.startsWith('container:') || value.startsWith('service:')) add('shared-namespace', namespace, `Joining another container's ${namespace} namespace is not allowed.`);
  }

  if (request.devices) add('devices', 'devices', 'Passing host devices into a container is not allowed.');
  if (request.deviceCgroupRules) add('devices', 'device_cgroup_rules', 'Device cgroup rules are not allowed.');
  if (request.deviceRequests) add('devices', 'device_requests', 'Requesting host devices (GPUs and the like) is not allowed.');
  if (request.sysctls) add('sysctls', 'sysctls', 'Setting kernel parameters (sysctls) is not allowed.');
  if (request.cgroupParent) add('cgroup-parent', 'cgroup_parent', 'Choosing the cgroup parent is not allowed.');

  return found;
}

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
  return { type: isPath ? 'bind' : 'volume', source, target: target ?? '' };
}

function apiMounts(mounts: unknown): PolicyMount[] {
  return list(mounts).map((m) => {
    const mount = record(m);
    const volumeOptions = record(mount.VolumeOptions);
    const driverConfig = record(volumeOptions.DriverConfig);
    return {
      type: text(mount.Type) || 'volume',
      source: typeof mount.Source === 'string' ? mount.Source : null,
      target: text(mount.Target),
      ...(Object.keys(record(driverConfig.Options)).length ? { driverOptions: stringRecord(driverConfig.Options) } : {}),
    };
  });
}

/** POST /containers/create body. */
export function requestFromContainerCreate(body: unknown): WorkloadRequest {
  const host = record(record(body).HostConfig);
  return {
    ...emptyRequest(),
    privileged: host.Privileged === true,
    mounts: [...list(host.Binds).map((b) => parseBind(String(b))), ...apiMounts(host.Mounts)],
    capAdd: list(host.CapAdd).map(String),
    securityOpt: list(host.SecurityOpt).map(String),
    namespaces: { network: text(host.NetworkMode), pid: text(host.PidMode), ipc: text(host.IpcMode), uts: text(host.UTSMode), userns: text(host.UsernsMode), cgroupns: text(host.CgroupnsMode) === 'host' ? 'host' : '' },
    devices: count(host.Devices),
    deviceCgroupRules: count(host.DeviceCgroupRules),
    deviceRequests: count(host.DeviceRequests),
    sysctls: count(host.Sysctls),
    cgroupParent: text(host.CgroupParent) || null,
  };
}

/** A swarm ServiceSpec (create or update): the container spec inside the task template. */
export function requestFromServiceSpec(spec: unknown): WorkloadRequest {
  const task = record(record(spec).TaskTemplate);
  const container = record(task.ContainerSpec);
  const privileges = record(container.Privileges);
  const networks = list(task.Networks).concat(list(record(spec).Networks));
  return {
    ...emptyRequest(),
    mounts: apiMounts(container.Mounts),
    capAdd: list(container.CapabilityAdd).map(String),
    securityOpt: [
      ...(record(privileges.Seccomp).Mode === 'unconfined' ? ['seccomp=unconfined'] : []),
      ...(record(privileges.AppArmor).Mode === 'disabled' ? ['apparmor=unconfined'] : []),
      ...(record(privileges.SELinuxContext).Disable === true ? ['label=disable'] : []),
    ],
    // A service attached to the predefined "host" network shares the host's network stack.
    namespaces: { network: networks.some((n) => text(record(n).Target) === 'host') ? 'host' : '' },
    sysctls: count(container.Sysctls),
  };
}

/** Merges requests (a stack = its services plus its volume definitions). */
export function mergeRequests(requests: WorkloadRequest[]): WorkloadRequest {
  const merged = emptyRequest();
  for (const r of requests) {
    merged.privileged ||= r.privileged;
    merged.mounts.push(...r.mounts);
    merged.capAdd.push(...r.capAdd);
    merged.securityOpt.push(...r.securityOpt);
    for (const [k, v] of Object.entries(r.namespaces)) if (v) merged.namespaces[k as keyof WorkloadRequest['namespaces']] = v;
    merged.devices += r.devices;
    merged.deviceCgroupRules += r.deviceCgroupRules;
    merged.deviceRequests += r.deviceRequests;
    merged.sysctls += r.sysctls;
    merged.cgroupParent ||= r.cgroupParent;
    merged.volumeDefinitions.push(...r.volumeDefinitions);
  }
  return merged;
}

/** Short volume syntax in compose: "src:dst[:mode]" where src may be a host path or a volume name. */
function composeVolume(entry: unknown): PolicyMount {
  if (typeof entry === 'string') return parseBind(entry);
  const v = record(entry);
  const volume = record(v.volume);
  const driverOptions = stringRecord(record(volume.driver_opts));
  return {
    type: text(v.type) || 'volume',
    source: typeof v.source === 'string' ? v.source : null,
    target: text(v.target),
    ...(Object.keys(driverOptions).length ? { driverOptions } : {}),
  };
}

/** A parsed compose document, before translation: swarm ignores some keys (privileged, devices,
 * network_mode…) that a plain `docker compose` on the same file would honour, so they are judged
 * as written. */
export function requestFromComposeDocument(document: unknown): WorkloadRequest {
  const services = record(record(document).services);
  const requests = Object.values(services).map((raw) => {
    const s = record(raw);
    const networkMode = text(s.network_mode);
    return {
      ...emptyRequest(),
      privileged: truthy(s.privileged),
      mounts: list(s.volumes).map(composeVolume),
      capAdd: list(s.cap_add).map(String),
      securityOpt: list(s.security_opt).map(String),
      namespaces: { network: networkMode, pid: text(s.pid), ipc: text(s.ipc), uts: text(s.uts), userns: text(s.userns_mode), cgroupns: text(s.cgroup) === 'host' ? 'host' : '' },
      devices: count(s.devices),
      deviceCgroupRules: count(s.device_cgroup_rules),
      sysctls: count(s.sysctls),
      cgroupParent: text(s.cgroup_parent) || null,
    } satisfies WorkloadRequest;
  });
  const volumes = Object.entries(record(record(document).volumes)).map(([name, raw]) => {
    const v = record(raw);
    return { name, driver: text(v.driver) || null, driverOptions: stringRecord(v.driver_opts) };
  });
  return mergeRequests([...requests, { ...emptyRequest(), volumeDefinitions: volumes }]);
}
