// One compose service to the ServiceSpec `docker stack deploy` sends for it (cli/compose/convert/
// service.go and the loader's transforms): every field, which empty ones are still sent, the order of
// lists, and the CLI's error texts prefixed "service <name>:". Pure.
import 'server-only';
import { msg, type Message, type MessageKey } from '@/lib/i18n/message.ts';
import { parseEnvFile } from '@/lib/services/stacks/compose/env-file.ts';
import { parseGoDuration } from '@/lib/services/stacks/compose/go-duration.ts';
import { parseCpus, ramInBytes } from '@/lib/services/stacks/compose/go-units.ts';
import { checkImageReference, imageForSpec } from '@/lib/services/stacks/compose/image-reference.ts';
import { parsePortSpec, type ComposePort } from '@/lib/services/stacks/compose/port-spec.ts';
import { normaliseStackPath } from '@/lib/services/stacks/compose/stack-files.ts';
import { convertMounts } from '@/lib/services/stacks/compose/convert-mounts.ts';
import { isUserDefinedNetwork, type Definitions } from '@/lib/services/stacks/compose/convert-stack-objects.ts';
import {
  bool,
  byText,
  dict,
  fail,
  float32Number,
  has,
  isDict,
  labelsOf,
  mappingOrList,
  num,
  optionalText,
  scalarText,
  scope,
  shellCommand,
  stringOrList,
  stringRecord,
  strings,
  text,
  warn,
  withStackLabel,
  type ConvertContext,
  type Dict,
} from '@/lib/services/stacks/compose/compose-values.ts';
import type { PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import type {
  ConfigReference,
  ContainerSpec,
  EndpointSpec,
  FileTarget,
  HealthConfig,
  NetworkAttachment,
  PortConfig,
  RestartPolicy,
  SecretReference,
  ServiceMode,
  ServiceSpec,
  TaskSpec,
  Ulimit,
  UpdateConfig,
} from '@/lib/services/stacks/compose/types.ts';

export type StackDefinitions = { networks: Definitions; volumes: Definitions; secrets: Definitions; configs: Definitions };

/** Swarm's rule for service names (swarmkit controlapi): a DNS label of at most 63 characters. */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

/** Keys the CLI refuses outright, with its explanations (catalogue keys of composeChecks.service.forbidden). */
export const FORBIDDEN_KEYS: Record<string, MessageKey> = {
  extends: 'composeChecks.service.forbidden.extends',
  volume_driver: 'composeChecks.service.forbidden.volumeDriver',
  volumes_from: 'composeChecks.service.forbidden.volumesFrom',
  cpu_quota: 'composeChecks.service.forbidden.resourceLimits',
  cpu_shares: 'composeChecks.service.forbidden.resourceLimits',
  cpuset: 'composeChecks.service.forbidden.resourceLimits',
  mem_limit: 'composeChecks.service.forbidden.resourceLimits',
  memswap_limit: 'composeChecks.service.forbidden.resourceLimits',
};

/** Keys swarm services have no use for: the CLI ignores them (warning for most), and so does Wharf, always with a warning. */
export const IGNORED_KEYS: Record<string, MessageKey> = {
  build: 'composeChecks.service.ignoredBecause.build',
  cgroupns_mode: 'composeChecks.service.ignoredBecause.cannotSet',
  cgroup_parent: 'composeChecks.service.ignoredBecause.cannotSet',
  container_name: 'composeChecks.service.ignoredBecause.containerName',
  depends_on: 'composeChecks.service.ignoredBecause.dependsOn',
  devices: 'composeChecks.service.ignoredBecause.devices',
  domainname: 'composeChecks.service.ignoredBecause.cannotSet',
  expose: 'composeChecks.service.ignoredBecause.expose',
  external_links: 'composeChecks.service.ignoredBecause.externalLinks',
  ipc: 'composeChecks.service.ignoredBecause.cannotSet',
  links: 'composeChecks.service.ignoredBecause.links',
  mac_address: 'composeChecks.service.ignoredBecause.cannotSet',
  network_mode: 'composeChecks.service.ignoredBecause.networkMode',
  oom_score_adj: 'composeChecks.service.ignoredBecause.oomScoreAdj',
  pid: 'composeChecks.service.ignoredBecause.cannotSet',
  privileged: 'composeChecks.service.ignoredBecause.privileged',
  security_opt: 'composeChecks.service.ignoredBecause.cannotSet',
  shm_size: 'composeChecks.service.ignoredBecause.cannotSet',
  tmpfs: 'composeChecks.service.ignoredBecause.tmpfs',
  userns_mode: 'composeChecks.service.ignoredBecause.cannotSet',
};

const RESTART_CONDITIONS = ['none', 'on-failure', 'any'];
const DEPLOY_MODES = ['replicated', 'global', 'replicated-job', 'global-job'];

/** A duration field in nanoseconds (checked by the schema already). */
function nanos(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseGoDuration(value);
  return 'error' in parsed ? undefined : parsed.nanoseconds;
}

type Service = { ctx: ConvertContext; key: string; raw: Dict; path: PathSegment[] };

const failService = (s: Service, path: readonly PathSegment[], detail: Message) => fail(s.ctx, path, msg('composeChecks.service.prefixed', { service: s.key, detail }));

// ---- Environment

/** env_file entries, then `environment`, each value replaced by the stack variable of the same name when it is empty or bare. */
function environment(s: Service): string[] {
  const { ctx, raw, path } = s;
  const env = new Map<string, string | null>();
  const lookup = ctx.lookup;
  const update = (vars: Map<string, string | null>, at: readonly PathSegment[]) => {
    for (const [key, value] of vars) {
      const fromVariables = lookup(key, at);
      env.set(key, (value === null || value === '') && fromVariables !== undefined ? fromVariables : value);
    }
  };
  const envFiles = stringOrList(raw.env_file);
  if (envFiles.length > 0) {
    const fromFiles = new Map<string, string | null>();
    envFiles.forEach((file, index) => {
      const at = Array.isArray(raw.env_file) ? [...path, 'env_file', index] : [...path, 'env_file'];
      const safe = normaliseStackPath(file);
      if ('error' in safe) return failService(s, at, msg('composeChecks.service.envFileProblem', { file, detail: safe.error }));
      const read = ctx.readFile(file, at);
      if ('error' in read) return failService(s, at, msg('composeChecks.values.field', { field: 'env_file', detail: read.error }));
      const parsed = parseEnvFile(read.content, (name) => lookup(name, at));
      if ('error' in parsed) return failService(s, at, msg('composeChecks.service.envFileContent', { file: read.path, detail: parsed.error }));
      for (const [key, value] of parsed.entries) fromFiles.set(key, value);
    });
    update(fromFiles, [...path, 'env_file']);
  }
  if (has(raw, 'environment')) update(mappingOrList(ctx, raw.environment, [...path, 'environment'], '=', true), [...path, 'environment']);
  return [...env].map(([key, value]) => (value === null ? key : `${key}=${value}`)).sort(byText);
}

// ---- Ports

function ports(s: Service): PortConfig[] {
  const list = Array.isArray(s.raw.ports) ? s.raw.ports : [];
  const out: PortConfig[] = [];
  list.forEach((entry, index) => {
    const at = [...s.path, 'ports', index];
    let parsed: ComposePort[];
    if (typeof entry === 'number' || typeof entry === 'string' || typeof entry === 'bigint') {
      if (typeof entry === 'number' && !Number.isInteger(entry)) return failService(s, at, msg('composeChecks.service.invalidPort', { port: String(entry) }));
      const result = parsePortSpec(String(entry));
      if ('error' in result) return failService(s, at, msg('composeChecks.values.field', { field: 'ports', detail: result.error }));
      for (const warning of result.warnings) warn(s.ctx, at, warning);
      parsed = result.ports;
    } else {
      const long = dict(entry);
      const mode = text(long.mode);
      const protocol = text(long.protocol);
      if (mode !== '' && mode !== 'ingress' && mode !== 'host') return failService(s, [...at, 'mode'], msg('composeChecks.service.portMode', { mode }));
      if (protocol !== '' && !['tcp', 'udp', 'sctp'].includes(protocol)) return failService(s, [...at, 'protocol'], msg('composeChecks.service.portProtocol', { protocol }));
      for (const field of ['target', 'published'] as const) {
        const n = num(long[field]);
        if (n !== undefined && (n < 0 || n > 65535)) return failService(s, [...at, field], msg('composeChecks.service.portOutOfRange', { field, port: String(n) }));
      }
      const port: ComposePort = { mode, target: num(long.target) ?? 0, protocol };
      const published = num(long.published);
      if (published !== undefined) port.published = published;
      parsed = [port];
    }
    for (const port of parsed) {
      const config: PortConfig = {};
      if (port.protocol !== '') config.Protocol = port.protocol;
      if (port.target !== 0) config.TargetPort = port.target;
      if (port.published) config.PublishedPort = port.published;
      if (port.mode !== '') config.PublishMode = port.mode;
      out.push(config);
    }
  });
  // The CLI sorts by published port only; Array.prototype.sort is stable, which keeps ties in file order as Go does for short lists.
  return out.sort((a, b) => (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0));
}

// ---- Deploy

function serviceMode(s: Service, deploy: Dict): ServiceMode | null {
  const mode = text(deploy.mode);
  const replicas = num(deploy.replicas);
  const at = [...s.path, 'deploy', 'mode'];
  switch (mode) {
    case 'global':
    case 'global-job':
      if (replicas !== undefined) {
        failService(s, [...s.path, 'deploy', 'replicas'], msg('composeChecks.service.replicasWithGlobal'));
        return null;
      }
      return mode === 'global' ? { Global: {} } : { GlobalJob: {} };
    case 'replicated-job':
      return { ReplicatedJob: replicas === undefined ? {} : { MaxConcurrent: replicas, TotalCompletions: replicas } };
    case 'replicated':
    case '':
      return { Replicated: replicas === undefined ? {} : { Replicas: replicas } };
    default:
      failService(s, at, msg('composeChecks.service.unknownMode', { mode, modes: DEPLOY_MODES.join(', ') }));
      return null;
  }
}

function updateConfig(s: Service, value: unknown, path: PathSegment[], kind: 'update' | 'rollback'): UpdateConfig | undefined {
  if (!isDict(value)) return undefined;
  const failureAction = text(value.failure_action);
  const allowed = kind === 'update' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue'];
  if (failureAction !== '' && !allowed.includes(failureAction)) {
    failService(s, [...path, 'failure_action'], msg('composeChecks.service.failureAction', { field: `${kind}_config.failure_action`, allowed: allowed.join(', '), value: failureAction }));
  }
  const config: UpdateConfig = { Parallelism: num(value.parallelism) ?? 1, MaxFailureRatio: float32Number(num(value.max_failure_ratio) ?? 0), Order: text(value.order) };
  const delay = nanos(value.delay);
  if (delay) config.Delay = delay;
  if (failureAction !== '') config.FailureAction = failureAction;
  const monitor = nanos(value.monitor);
  if (monitor) config.Monitor = monitor;
  return config;
}

function resources(s: Service, deploy: Dict): TaskSpec['Resources'] {
  const value = dict(deploy.resources);
  const path = [...s.path, 'deploy', 'resources'];
  const out: TaskSpec['Resources'] = {};
  const cpus = (raw: unknown, at: PathSegment[]) => {
    const textValue = text(raw);
    if (textValue === '') return 0;
    const parsed = parseCpus(textValue);
    if ('error' in parsed) {
      failService(s, at, parsed.error);
      return 0;
    }
    return parsed.nanoCpus;
  };
  const memory = (raw: unknown, at: PathSegment[]) => {
    if (typeof raw !== 'string') return 0;
    const parsed = ramInBytes(raw);
    if ('error' in parsed) {
      failService(s, at, msg('composeChecks.values.field', { field: 'memory', detail: parsed.error }));
      return 0;
    }
    return parsed.bytes;
  };
  if (isDict(value.limits)) {
    const limits = value.limits;
    const at = [...path, 'limits'];
    const nano = cpus(limits.cpus, [...at, 'cpus']);
    const bytes = memory(limits.memory, [...at, 'memory']);
    const pids = num(limits.pids) ?? 0;
    out.Limits = {};
    if (nano) out.Limits.NanoCPUs = nano;
    if (bytes) out.Limits.MemoryBytes = bytes;
    if (pids) out.Limits.Pids = pids;
  }
  if (isDict(value.reservations)) {
    const reservations = value.reservations;
    const at = [...path, 'reservations'];
    const nano = cpus(reservations.cpus, [...at, 'cpus']);
    const bytes = memory(reservations.memory, [...at, 'memory']);
    out.Reservations = {};
    if (nano) out.Reservations.NanoCPUs = nano;
    if (bytes) out.Reservations.MemoryBytes = bytes;
    if (Array.isArray(reservations.generic_resources) && reservations.generic_resources.length > 0) {
      out.Reservations.GenericResources = reservations.generic_resources.map((entry) => {
        const spec = dict(entry).discrete_resource_spec;
        if (!isDict(spec)) return {};
        return { DiscreteResourceSpec: { Kind: text(spec.kind), Value: Math.trunc(num(spec.value) ?? 0) } };
      });
    }
  }
  return out;
}

/** deploy.restart_policy when given; otherwise the service-level `restart:` read as a policy, like the CLI's fallback. */
function restartPolicy(s: Service, deploy: Dict): RestartPolicy | undefined | null {
  if (has(deploy, 'restart_policy') && isDict(deploy.restart_policy)) {
    const policy = deploy.restart_policy;
    const at = [...s.path, 'deploy', 'restart_policy'];
    const condition = text(policy.condition);
    if (condition !== '' && !RESTART_CONDITIONS.includes(condition)) {
      failService(s, [...at, 'condition'], msg('composeChecks.service.restartCondition', { allowed: RESTART_CONDITIONS.join(', '), value: condition }));
      return null;
    }
    const out: RestartPolicy = {};
    if (condition !== '') out.Condition = condition as RestartPolicy['Condition'];
    const delay = nanos(policy.delay);
    if (delay !== undefined) out.Delay = delay;
    const attempts = num(policy.max_attempts);
    if (attempts !== undefined) out.MaxAttempts = attempts;
    const window = nanos(policy.window);
    if (window !== undefined) out.Window = window;
    if (has(s.raw, 'restart')) warn(s.ctx, [...s.path, 'restart'], msg('composeChecks.service.restartIgnored'));
    return out;
  }
  const restart = text(s.raw.restart);
  if (restart === '') return undefined;
  const at = [...s.path, 'restart'];
  const colon = restart.indexOf(':');
  const name = colon < 0 ? restart : restart.slice(0, colon);
  const count = colon < 0 ? '' : restart.slice(colon + 1);
  if (colon === 0) return failService(s, at, msg('composeChecks.service.restartNoPolicy')), null;
  if (count !== '' && !/^[+-]?\d+$/.test(count)) return failService(s, at, msg('composeChecks.service.restartCountInteger')), null;
  const retries = count === '' ? 0 : Number(count);
  if (retries < 0) return failService(s, at, msg('composeChecks.service.restartCountNegative')), null;
  // As docker stack deploy 28.2 does: a retry count only for on-failure (0 included), none for the others.
  switch (name) {
    case 'no':
    case '':
      return undefined;
    case 'always':
    case 'unless-stopped':
      if (retries > 0) warn(s.ctx, at, msg('composeChecks.service.retryCountIgnored', { restart }));
      return { Condition: 'any' };
    case 'on-failure':
      return { Condition: 'on-failure', MaxAttempts: retries };
    default:
      return failService(s, at, msg('composeChecks.service.unknownRestart', { restart })), null;
  }
}

function placement(deploy: Dict): TaskSpec['Placement'] {
  const value = dict(deploy.placement);
  const out: TaskSpec['Placement'] = {};
  const constraints = strings(value.constraints);
  if (constraints.length > 0) out.Constraints = constraints;
  if (Array.isArray(value.preferences) && value.preferences.length > 0) {
    out.Preferences = value.preferences.map((p) => ({ Spread: { SpreadDescriptor: text(dict(p).spread) } }));
  }
  const max = num(value.max_replicas_per_node);
  if (max) out.MaxReplicas = max;
  return out;
}

// ---- Container

function healthcheck(s: Service): HealthConfig | undefined | null {
  if (!isDict(s.raw.healthcheck)) return undefined;
  const value = s.raw.healthcheck;
  const at = [...s.path, 'healthcheck'];
  const test = typeof value.test === 'string' ? ['CMD-SHELL', value.test] : strings(value.test);
  if (value.disable === true) {
    if (test.length > 0) return failService(s, at, msg('composeChecks.service.testAndDisable')), null;
    return { Test: ['NONE'] };
  }
  const out: HealthConfig = {};
  if (test.length > 0) out.Test = test;
  const durations = [
    ['Interval', 'interval'],
    ['Timeout', 'timeout'],
    ['StartPeriod', 'start_period'],
    ['StartInterval', 'start_interval'],
  ] as const;
  for (const [field, key] of durations) {
    const ns = nanos(value[key]);
    if (ns) out[field] = ns;
  }
  const retries = Math.trunc(num(value.retries) ?? 0);
  if (retries) out.Retries = retries;
  return out;
}

function networks(s: Service, defs: Definitions): NetworkAttachment[] | null {
  const raw = s.raw.networks;
  const entries: [string, Dict | null][] = Array.isArray(raw) ? strings(raw).map((n) => [n, null]) : Object.entries(dict(raw)).map(([k, v]) => [k, isDict(v) ? v : null]);
  if (entries.length === 0) entries.push(['default', null]);
  const out: NetworkAttachment[] = [];
  let ok = true;
  for (const [name, options] of entries) {
    const at = Array.isArray(raw) ? [...s.path, 'networks', raw.indexOf(name)] : [...s.path, 'networks', name];
    const definition = defs.get(name);
    if (!definition && name !== 'default') {
      failService(s, at, msg('composeChecks.service.undefinedNetwork', { name }));
      ok = false;
      continue;
    }
    const target = definition ? definition.name : scope(s.ctx, name);
    const attachment: NetworkAttachment = { Target: target };
    const aliases = options ? strings(options.aliases) : [];
    if (isUserDefinedNetwork(target)) aliases.push(s.key);
    if (aliases.length > 0) attachment.Aliases = aliases;
    const driverOpts = options ? stringRecord(s.ctx, options.driver_opts, [...at, 'driver_opts']) : undefined;
    if (driverOpts && Object.keys(driverOpts).length > 0) attachment.DriverOpts = driverOpts;
    for (const ignored of ['ipv4_address', 'ipv6_address']) {
      if (options && has(options, ignored)) warn(s.ctx, [...at, ignored], msg('composeChecks.service.addressIgnored', { key: ignored }));
    }
    out.push(attachment);
  }
  if (!ok) return null;
  return out.sort((a, b) => byText(a.Target, b.Target));
}

/** Secret and config references: the file target defaults to the source name, owned by root, mode 0444. */
function fileReferences(s: Service, kind: 'secret' | 'config', defs: Definitions): { name: string; file: FileTarget }[] | null {
  const list = Array.isArray(s.raw[`${kind}s`]) ? (s.raw[`${kind}s`] as unknown[]) : [];
  const out: { name: string; file: FileTarget }[] = [];
  const targets = new Set<string>();
  let ok = true;
  list.forEach((entry, index) => {
    const at = [...s.path, `${kind}s`, index];
    const reference = typeof entry === 'string' ? { source: entry } : dict(entry);
    const source = text(reference.source);
    const definition = defs.get(source);
    if (!definition) {
      failService(s, at, msg('composeChecks.service.undefinedReference', { kind, name: source }));
      ok = false;
      return;
    }
    const target = text(reference.target) || source;
    const mode = num(reference.mode);
    const file: FileTarget = { Name: target, UID: text(reference.uid) || '0', GID: text(reference.gid) || '0', Mode: mode === undefined ? 0o444 : Math.trunc(mode) };
    if (targets.has(target)) {
      failService(s, at, msg('composeChecks.service.duplicateTarget', { kind, name: definition.name }));
      ok = false;
      return;
    }
    targets.add(target);
    out.push({ name: definition.name, file });
  });
  if (!ok) return null;
  // By name like the CLI, then by target path. Among references to one object the CLI's order comes
  // from a Go map and varies from run to run; the target order is one of those orders and the same
  // every time, so a redeploy of an unchanged file never updates the service for its order alone.
  return out.sort((a, b) => byText(a.name, b.name) || byText(a.file.Name, b.file.Name));
}

/** extra_hosts as "host:ip" pairs (either form, IPv6 brackets dropped), then in swarm's "ip host" order. */
function hosts(s: Service): string[] {
  const raw = s.raw.extra_hosts;
  const pairs: string[] = [];
  if (Array.isArray(raw)) {
    for (const entry of strings(raw)) {
      const at = [entry.indexOf('='), entry.indexOf(':')].find((i) => i >= 0);
      if (at === undefined) continue;
      pairs.push(`${entry.slice(0, at)}:${entry.slice(at + 1)}`);
    }
  } else if (isDict(raw)) {
    const listed: string[] = [];
    for (const [host, ip] of Object.entries(raw)) {
      if (ip === null) continue;
      listed.push(`${host}:${scalarText(s.ctx, ip, [...s.path, 'extra_hosts', host])}`);
    }
    pairs.push(...listed.sort(byText));
  }
  return pairs.map((pair) => {
    const colon = pair.indexOf(':');
    const host = pair.slice(0, colon);
    let ip = pair.slice(colon + 1);
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    return `${ip} ${host}`;
  });
}

/** cap_add / cap_drop normalised like the CLI: upper case, CAP_ prefixed, ALL wins, adding beats dropping, sorted. */
function capabilities(add: string[], drop: string[]): { add: string[]; drop: string[] } {
  const normal = (caps: string[]) => {
    const set = new Set(caps.map((c) => c.trim().toUpperCase()).map((c) => (c === 'ALL' || c === 'RESET' || c.startsWith('CAP_') ? c : `CAP_${c}`)));
    return set.has('ALL') ? new Set(['ALL']) : set;
  };
  const added = normal(add);
  const dropped = normal(drop);
  return {
    add: [...added].filter((c) => c !== 'RESET').sort(byText),
    drop: [...dropped].filter((c) => !added.has(c) && c !== 'RESET').sort(byText),
  };
}

function ulimits(s: Service): Ulimit[] {
  const out: Ulimit[] = [];
  for (const [name, value] of Object.entries(dict(s.raw.ulimits))) {
    if (typeof value === 'number' || typeof value === 'bigint') out.push({ Name: name, Hard: Number(value), Soft: Number(value) });
    else if (isDict(value)) out.push({ Name: name, Hard: num(value.hard) ?? 0, Soft: num(value.soft) ?? 0 });
  }
  return out.sort((a, b) => byText(a.Name, b.Name));
}

function credentialSpec(s: Service): ContainerSpec['Privileges']['CredentialSpec'] | undefined {
  if (!isDict(s.raw.credential_spec)) return null;
  const spec = s.raw.credential_spec;
  const at = [...s.path, 'credential_spec'];
  const set = (['config', 'file', 'registry'] as const).filter((k) => text(spec[k]) !== '');
  if (set.length === 0) return null;
  if (set.length > 1) {
    const quoted = set.map((k) => `"${k[0].toUpperCase()}${k.slice(1)}"`);
    failService(s, at, quoted.length === 2 ? msg('composeChecks.service.credentialTwo', { first: quoted[0], second: quoted[1] }) : msg('composeChecks.service.credentialThree', { first: quoted[0], second: quoted[1], third: quoted[2] }));
    return undefined;
  }
  if (set[0] === 'config') {
    failService(s, [...at, 'config'], msg('composeChecks.service.credentialConfig'));
    return undefined;
  }
  return { Config: '', File: text(spec.file), Registry: text(spec.registry) };
}

function warnIgnoredKeys(s: Service) {
  for (const key of Object.keys(s.raw)) {
    if (!Object.hasOwn(IGNORED_KEYS, key)) continue;
    warn(s.ctx, [...s.path, key], msg('composeChecks.service.keyIgnored', { key, reason: msg(IGNORED_KEYS[key]) }));
  }
}

/** The ServiceSpec for one service, or null when it has errors (reported to ctx). */
export function convertService(ctx: ConvertContext, key: string, raw: Dict, defs: StackDefinitions): ServiceSpec | null {
  const path: PathSegment[] = ['services', key];
  const s: Service = { ctx, key, raw, path };
  const before = ctx.problems.filter((p) => p.severity === 'error').length;
  const name = scope(ctx, key);
  if (!SERVICE_NAME.test(name)) failService(s, path, msg('composeChecks.service.badName', { name }));
  else if (name.length > 63) failService(s, path, msg('composeChecks.service.nameTooLong', { name }));

  const image = text(raw.image);
  const imageProblem = checkImageReference(image);
  if (imageProblem) fail(ctx, has(raw, 'image') ? [...path, 'image'] : path, msg('composeChecks.service.badImage', { service: key, detail: imageProblem }));

  warnIgnoredKeys(s);
  const deploy = dict(raw.deploy);
  const env = environment(s);
  const mode = serviceMode(s, deploy);
  const mounts = convertMounts(ctx, key, raw.volumes, defs.volumes, [...path, 'volumes']);
  const restart = restartPolicy(s, deploy);
  const health = healthcheck(s);
  const attachments = networks(s, defs.networks);
  const secrets = fileReferences(s, 'secret', defs.secrets);
  const configs = fileReferences(s, 'config', defs.configs);
  const credential = credentialSpec(s);
  const endpointMode = text(deploy.endpoint_mode).toLowerCase();
  if (endpointMode !== '' && endpointMode !== 'vip' && endpointMode !== 'dnsrr') {
    failService(s, [...path, 'deploy', 'endpoint_mode'], msg('composeChecks.service.endpointMode', { mode: endpointMode }));
  }
  const portConfigs = ports(s);
  const taskResources = resources(s, deploy);
  const update = updateConfig(s, deploy.update_config, [...path, 'deploy', 'update_config'], 'update');
  const rollback = updateConfig(s, deploy.rollback_config, [...path, 'deploy', 'rollback_config'], 'rollback');

  if (ctx.problems.filter((p) => p.severity === 'error').length > before || mode === null || restart === null || health === null || credential === undefined) return null;

  const container: ContainerSpec = {
    Image: imageForSpec(image),
    Labels: withStackLabel(ctx, labelsOf(ctx, raw.labels, [...path, 'labels'])),
    Privileges: { CredentialSpec: credential, SELinuxContext: null, NoNewPrivileges: false },
  };
  const entrypoint = shellCommand(ctx, raw.entrypoint, [...path, 'entrypoint']);
  if (entrypoint && entrypoint.length > 0) container.Command = entrypoint;
  const command = shellCommand(ctx, raw.command, [...path, 'command']);
  if (command && command.length > 0) container.Args = command;
  const hostname = optionalText(raw.hostname);
  if (hostname) container.Hostname = hostname;
  if (env.length > 0) container.Env = env;
  const dir = optionalText(raw.working_dir);
  if (dir) container.Dir = dir;
  const user = optionalText(raw.user);
  if (user) container.User = user;
  if (typeof raw.init === 'boolean') container.Init = raw.init;
  const stopSignal = optionalText(raw.stop_signal);
  if (stopSignal) container.StopSignal = stopSignal;
  if (bool(raw.tty)) container.TTY = true;
  if (bool(raw.stdin_open)) container.OpenStdin = true;
  if (bool(raw.read_only)) container.ReadOnly = true;
  if (mounts.length > 0) container.Mounts = mounts;
  const grace = nanos(raw.stop_grace_period);
  if (grace !== undefined) container.StopGracePeriod = grace;
  if (health) container.Healthcheck = health;
  const hostList = hosts(s);
  if (hostList.length > 0) container.Hosts = hostList;
  const dns = stringOrList(raw.dns);
  const dnsSearch = stringOrList(raw.dns_search);
  if (dns.length > 0 || dnsSearch.length > 0) {
    container.DNSConfig = {};
    if (dns.length > 0) container.DNSConfig.Nameservers = dns;
    if (dnsSearch.length > 0) container.DNSConfig.Search = dnsSearch;
  }
  if (secrets && secrets.length > 0) container.Secrets = secrets.map(({ name, file }): SecretReference => ({ File: file, SecretName: name }));
  if (configs && configs.length > 0) container.Configs = configs.map(({ name, file }): ConfigReference => ({ File: file, ConfigName: name }));
  const isolation = optionalText(raw.isolation);
  if (isolation) container.Isolation = isolation;
  const sysctls = mappingOrList(ctx, raw.sysctls, [...path, 'sysctls'], '=', false);
  if (sysctls.size > 0) container.Sysctls = Object.fromEntries([...sysctls].map(([k, v]) => [k, v ?? '']));
  const caps = capabilities(strings(raw.cap_add), strings(raw.cap_drop));
  if (caps.add.length > 0) container.CapabilityAdd = caps.add;
  if (caps.drop.length > 0) container.CapabilityDrop = caps.drop;
  const limits = ulimits(s);
  if (limits.length > 0) container.Ulimits = limits;

  const task: TaskSpec = { ContainerSpec: container, Resources: taskResources, Placement: placement(deploy), ForceUpdate: 0 };
  if (restart) task.RestartPolicy = restart;
  if (attachments && attachments.length > 0) task.Networks = attachments;
  if (isDict(raw.logging)) {
    const logging = raw.logging;
    const driver: NonNullable<TaskSpec['LogDriver']> = {};
    if (text(logging.driver) !== '') driver.Name = text(logging.driver);
    const options = stringRecord(ctx, logging.options, [...path, 'logging', 'options']);
    if (options && Object.keys(options).length > 0) driver.Options = options;
    task.LogDriver = driver;
  }

  const endpoint: EndpointSpec = {};
  if (endpointMode !== '') endpoint.Mode = endpointMode;
  if (portConfigs.length > 0) endpoint.Ports = portConfigs;

  const spec: ServiceSpec = {
    Name: name,
    Labels: { ...withStackLabel(ctx, labelsOf(ctx, deploy.labels, [...path, 'deploy', 'labels'])), 'com.docker.stack.image': image },
    TaskTemplate: task,
    Mode: mode,
    EndpointSpec: endpoint,
  };
  if (update) spec.UpdateConfig = update;
  if (rollback) spec.RollbackConfig = rollback;
  return spec;
}
