// A compose file, with the project's variables, files and enabled profiles, read into the project
// `docker compose up` would run on one host: its services (only those the profiles enable), the
// networks and volumes they use, named as Compose v2 names them. The YAML is read, and variables
// interpolated, by the same code as stacks, so problems carry line and column. Anything Wharf cannot
// do as Compose does is refused with a sentence where it is written (`build:` first of all). Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { checkVariables, hasErrors, inReadingOrder, problemAt, type ComposeProblem, type Locate, type PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import { dict, has, isDict, labelsOf, mappingOrList, num, shellCommand, strings, stringRecord, text, type ConvertContext, type Dict } from '@/lib/services/stacks/compose/compose-values.ts';
import { parseEnvFile } from '@/lib/services/stacks/compose/env-file.ts';
import { parseGoDuration } from '@/lib/services/stacks/compose/go-duration.ts';
import { checkImageReference } from '@/lib/services/stacks/compose/image-reference.ts';
import { interpolate } from '@/lib/services/stacks/compose/interpolate.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';
import { parsePortSpec } from '@/lib/services/stacks/compose/port-spec.ts';
import { normaliseStackFiles, readStackFile } from '@/lib/services/stacks/compose/stack-files.ts';
import type { InputTrace } from '@/lib/services/stacks/compose/translate-stack.ts';
import { parseShortVolume } from '@/lib/services/stacks/compose/volume-spec.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';
import { keptFilePath } from '@/lib/models/compose-files/file-path.ts';
import { envFileEntries } from '@/lib/models/compose-files/referenced-files.ts';
import { posix } from 'node:path';
import { scopedName } from './compose-labels.ts';
import { cycleMessage, startOrder } from './depends-on.ts';
import { validateProjectName } from './project-name.ts';
import { contentKey, readFileDefinitions, readFileReferences, type FileContents, type FileDefinitions, type ProjectFile } from './project-files.ts';

export type DependsCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';
export type ProjectPort = { target: number; published?: number; protocol: string; hostIp: string };
export type ProjectMount =
  | { type: 'volume'; source: string | null; target: string; readOnly: boolean }
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  | { type: 'tmpfs'; target: string };
export type HealthCheck = { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };

export type ProjectService = {
  name: string;
  image: string;
  command?: string[];
  entrypoint?: string[];
  /** KEY=value, sorted by key (environment over env_file). */
  environment: string[];
  labels: Record<string, string>;
  ports: ProjectPort[];
  expose: string[];
  mounts: ProjectMount[];
  /** The networks it joins, by key, with their extra aliases; empty when network_mode is set. */
  networks: { key: string; aliases: string[] }[];
  /** host, none, bridge, container:<name> or service:<service>. */
  networkMode?: string;
  restart: { Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure'; MaximumRetryCount: number };
  healthcheck?: HealthCheck;
  dependsOn: Record<string, { condition: DependsCondition; required: boolean; restart: boolean }>;
  workingDir?: string;
  user?: string;
  hostname?: string;
  containerName?: string;
  tty: boolean;
  stdinOpen: boolean;
  init?: boolean;
  stopSignal?: string;
  /** Seconds. */
  stopGracePeriod?: number;
  extraHosts: string[];
  /** Its secrets, then its configs, written into each container before its first start. */
  files: ProjectFile[];
  scale: number;
  profiles: string[];
};

export type ProjectNetwork = { key: string; name: string; external: boolean; driver: string; driverOpts: Record<string, string>; labels: Record<string, string>; internal: boolean };
export type ProjectVolume = { key: string; name: string; external: boolean; driver: string; driverOpts: Record<string, string>; labels: Record<string, string> };

export type ComposeProject = {
  name: string;
  /** In the file's order; only those the enabled profiles enable. */
  services: ProjectService[];
  /** Services left out because none of their profiles is enabled. */
  disabled: string[];
  networks: ProjectNetwork[];
  volumes: ProjectVolume[];
  /** The content of the secrets and configs the services use (project-files.ts). Never shown or logged. */
  contents: FileContents;
  /** Its working directory on the host, when the project declares one. */
  workingDir?: string;
};

export type ReadProjectInput = {
  projectName: string;
  composeText: string;
  variables: Record<string, string>;
  files: Record<string, string>;
  profiles?: string[];
  /** told of every use of a variable or file, with its path */
  trace?: InputTrace;
  /** The key of the secrets' and configs' digests (see project-files.ts); only up needs the real one. */
  digestKey?: string;
  /** The project's working directory on the host (an absolute path): relative bind sources resolve against it; without one they are refused. */
  workingDir?: string | null;
};

/** Keys a service may carry here. Others are refused, so nothing runs other than as written. */
const SERVICE_KEYS = new Set([
  'image', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'networks', 'network_mode', 'restart', 'healthcheck',
  'depends_on', 'labels', 'working_dir', 'user', 'hostname', 'container_name', 'tty', 'stdin_open', 'init', 'stop_signal', 'stop_grace_period',
  'extra_hosts', 'scale', 'profiles', 'deploy', 'secrets', 'configs',
]);
const TOP_KEYS = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs']);
const CONDITIONS: DependsCondition[] = ['service_started', 'service_healthy', 'service_completed_successfully'];
const RESTARTS = new Set(['no', 'always', 'unless-stopped', 'on-failure']);
const PROFILE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

type Reader = { ctx: ConvertContext; project: string; problems: ComposeProblem[]; locate: Locate; workingDir?: string };

const error = (r: Reader, path: readonly PathSegment[], said: Message) => void r.problems.push(problemAt('error', path, said, r.locate));
const warning = (r: Reader, path: readonly PathSegment[], said: Message) => void r.problems.push(problemAt('warning', path, said, r.locate));

function seconds(r: Reader, value: unknown, path: readonly PathSegment[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseGoDuration(typeof value === 'number' ? `${value}s` : text(value));
  if ('error' in parsed) return error(r, path, parsed.error), undefined;
  return parsed.nanoseconds;
}

function restartOf(r: Reader, value: unknown, path: readonly PathSegment[]): ProjectService['restart'] {
  const raw = value === undefined || value === null ? '' : value === false ? 'no' : text(value);
  if (raw === '') return { Name: '', MaximumRetryCount: 0 };
  const [name, count = ''] = raw.split(':', 2);
  if (!RESTARTS.has(name) || (count !== '' && (name !== 'on-failure' || !/^\d+$/.test(count)))) {
    error(r, path, msg('composeChecks.project.restart', { restart: raw }));
    return { Name: '', MaximumRetryCount: 0 };
  }
  return { Name: name as ProjectService['restart']['Name'], MaximumRetryCount: count === '' ? 0 : Number(count) };
}

function healthcheckOf(r: Reader, value: unknown, path: readonly PathSegment[]): HealthCheck | undefined {
  if (!isDict(value)) return undefined;
  if (value.disable === true) return { Test: ['NONE'] };
  const out: HealthCheck = {};
  const test = typeof value.test === 'string' ? ['CMD-SHELL', value.test] : strings(value.test);
  if (test.length > 0) out.Test = test;
  for (const [field, key] of [['Interval', 'interval'], ['Timeout', 'timeout'], ['StartPeriod', 'start_period']] as const) {
    const ns = seconds(r, value[key], [...path, key]);
    if (ns) out[field] = ns;
  }
  const retries = num(value.retries);
  if (retries) out.Retries = Math.trunc(retries);
  return out;
}

function dependsOnOf(r: Reader, value: unknown, path: readonly PathSegment[]): ProjectService['dependsOn'] {
  const out: ProjectService['dependsOn'] = Object.create(null);
  if (Array.isArray(value)) {
    for (const name of strings(value)) out[name] = { condition: 'service_started', required: true, restart: false };
    return out;
  }
  for (const [name, raw] of Object.entries(dict(value))) {
    const options = dict(raw);
    const condition = text(options.condition) || 'service_started';
    if (!CONDITIONS.includes(condition as DependsCondition)) {
      error(r, [...path, name, 'condition'], msg('composeChecks.project.dependsCondition', { condition, allowed: CONDITIONS.join(', ') }));
      continue;
    }
    out[name] = { condition: condition as DependsCondition, required: options.required !== false, restart: options.restart === true };
  }
  return out;
}

function portsOf(r: Reader, value: unknown, path: readonly PathSegment[]): ProjectPort[] {
  const out: ProjectPort[] = [];
  (Array.isArray(value) ? value : []).forEach((entry, index) => {
    const at = [...path, index];
    if (isDict(entry)) {
      const target = num(entry.target);
      if (!target) return error(r, at, msg('composeChecks.project.portTarget'));
      const published = entry.published === undefined ? undefined : Number(text(entry.published) || num(entry.published));
      out.push({ target, ...(published ? { published } : {}), protocol: text(entry.protocol) || 'tcp', hostIp: text(entry.host_ip) });
      return;
    }
    const raw = typeof entry === 'number' ? String(entry) : text(entry);
    // Compose's short syntax: [ip:]published:target[/protocol]. The port parser handles ranges and IPs.
    const parsed = parsePortSpec(raw);
    if ('error' in parsed) return error(r, at, parsed.error);
    const parts = raw.split(':');
    const ip = parts.length > 2 ? parts.slice(0, -2).join(':').replace(/^\[|\]$/g, '') : '';
    for (const port of parsed.ports) out.push({ target: port.target, ...(port.published ? { published: port.published } : {}), protocol: port.protocol || 'tcp', hostIp: ip });
  });
  return out;
}

function mountsOf(r: Reader, service: string, value: unknown, path: readonly PathSegment[], volumes: Map<string, ProjectVolume>): ProjectMount[] {
  const out: ProjectMount[] = [];
  (Array.isArray(value) ? value : []).forEach((entry, index) => {
    const at = [...path, index];
    let mount: { type: string; source?: string; target: string; readOnly: boolean };
    if (isDict(entry)) {
      mount = { type: text(entry.type) || 'volume', source: text(entry.source) || undefined, target: text(entry.target), readOnly: entry.read_only === true };
    } else {
      const parsed = parseShortVolume(text(entry));
      if ('error' in parsed) return error(r, at, parsed.error);
      mount = { type: parsed.volume.type, source: parsed.volume.source, target: parsed.volume.target, readOnly: parsed.volume.readOnly === true };
    }
    if (!mount.target.startsWith('/')) return error(r, at, msg('composeChecks.project.mountTarget', { target: mount.target }));
    if (mount.type === 'tmpfs') return void out.push({ type: 'tmpfs', target: mount.target });
    if (mount.type === 'bind') {
      let source = mount.source ?? '';
      if (!source.startsWith('/')) {
        // As Compose does, against the project's working directory on the host; the workload policy then judges the absolute path.
        if (!r.workingDir || !/^\.\.?(\/|$)/.test(source)) return error(r, at, msg('composeChecks.project.relativeHostPath', { source }));
        source = posix.resolve(r.workingDir, source);
      }
      return void out.push({ type: 'bind', source, target: mount.target, readOnly: mount.readOnly });
    }
    if (mount.type !== 'volume') return error(r, at, msg('composeChecks.project.mountType', { type: mount.type }));
    if (mount.source === undefined) return void out.push({ type: 'volume', source: null, target: mount.target, readOnly: mount.readOnly });
    const volume = volumes.get(mount.source);
    if (!volume) return error(r, at, msg('composeChecks.project.undefinedVolume', { service, name: mount.source }));
    out.push({ type: 'volume', source: mount.source, target: mount.target, readOnly: mount.readOnly });
  });
  return out;
}

function environmentOf(r: Reader, raw: Dict, path: readonly PathSegment[]): string[] {
  const env = new Map<string, string>();
  for (const entry of envFileEntries(raw.env_file, true)) {
    const at = [...path, 'env_file', ...entry.at];
    if ('invalid' in entry) {
      error(r, at, msg('composeChecks.project.envFileEntry'));
      continue;
    }
    const file = entry.written;
    // `required: false` (Compose v2's long form): a file not kept with the project is left out; an unsafe path is still refused.
    const kept = keptFilePath(file);
    if (!entry.required && kept !== null && !r.ctx.files.has(kept)) continue;
    const read = r.ctx.readFile(file, at);
    if ('error' in read) {
      error(r, at, msg('composeChecks.service.envFileContent', { file, detail: read.error }));
      continue;
    }
    const parsed = parseEnvFile(read.content, (name) => r.ctx.lookup(name, at));
    if ('error' in parsed) {
      error(r, at, msg('composeChecks.service.envFileContent', { file, detail: parsed.error }));
      continue;
    }
    for (const [key, value] of parsed.entries) env.set(key, value);
  }
  for (const [key, value] of mappingOrList(r.ctx, raw.environment, [...path, 'environment'], '=', true)) {
    // A bare KEY takes the project's variable of that name, or is left out (as the CLI does without it in its environment).
    const resolved = value ?? r.ctx.lookup(key, [...path, 'environment']);
    if (resolved !== undefined) env.set(key, resolved);
  }
  return [...env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
}

function networksOf(r: Reader, service: string, raw: Dict, path: readonly PathSegment[], networks: Map<string, ProjectNetwork>): ProjectService['networks'] {
  const value = raw.networks;
  const entries: [string, Dict | null][] = Array.isArray(value) ? strings(value).map((n) => [n, null]) : Object.entries(dict(value)).map(([k, v]) => [k, isDict(v) ? v : null]);
  const out: ProjectService['networks'] = [];
  for (const [key, options] of entries) {
    if (!networks.has(key) && key !== 'default') {
      error(r, Array.isArray(value) ? [...path, 'networks', value.indexOf(key)] : [...path, 'networks', key], msg('composeChecks.project.undefinedNetwork', { service, name: key }));
      continue;
    }
    out.push({ key, aliases: options ? strings(options.aliases) : [] });
  }
  return out.length > 0 ? out : [{ key: 'default', aliases: [] }];
}

function definitions<T extends ProjectNetwork | ProjectVolume>(r: Reader, kind: 'networks' | 'volumes', document: Dict, make: (key: string, raw: Dict, name: string, external: boolean) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const [key, value] of Object.entries(dict(document[kind]))) {
    const raw = dict(value);
    const external = raw.external === true || isDict(raw.external);
    const name = text(raw.name) || (isDict(raw.external) ? text(raw.external.name) : '') || (external ? key : scopedName(r.project, key));
    if (hasControlCharacter(name) || name.includes('/')) {
      error(r, [kind, key], msg('composeChecks.project.badObjectName', { kind: kind === 'networks' ? 'network' : 'volume', name }));
      continue;
    }
    out.set(key, make(key, raw, name, external));
  }
  return out;
}

function enabled(raw: Dict, profiles: Set<string>): boolean {
  const own = strings(raw.profiles);
  return own.length === 0 || own.some((p) => profiles.has(p) || profiles.has('*'));
}

type ServiceDefinitions = { networks: Map<string, ProjectNetwork>; volumes: Map<string, ProjectVolume>; secrets: FileDefinitions; configs: FileDefinitions; digestKey: string };

function readService(r: Reader, name: string, raw: Dict, defs: ServiceDefinitions): ProjectService | null {
  const path = ['services', name];
  const before = r.problems.length;
  if (!SERVICE_NAME.test(name)) error(r, path, msg('composeChecks.project.serviceName', { name }));
  if (has(raw, 'build')) {
    error(r, [...path, 'build'], msg('composeChecks.project.build', { name }));
  }
  for (const key of Object.keys(raw)) {
    if (key === 'build' || SERVICE_KEYS.has(key) || key.startsWith('x-')) continue;
    error(r, [...path, key], msg('composeChecks.project.serviceKeyUnsupported', { key }));
  }
  const image = text(raw.image);
  if (!has(raw, 'build') && image === '') error(r, path, msg('composeChecks.project.noImage', { name }));
  if (image !== '') {
    const problem = checkImageReference(image);
    if (problem) error(r, [...path, 'image'], problem);
  }
  const deploy = dict(raw.deploy);
  for (const key of Object.keys(deploy)) if (key !== 'replicas') warning(r, [...path, 'deploy', key], msg('composeChecks.project.deployIgnored', { key: `deploy.${key}` }));
  const scale = num(raw.scale) ?? num(deploy.replicas) ?? 1;
  if (!Number.isInteger(scale) || scale < 0 || scale > 100) error(r, [...path, has(raw, 'scale') ? 'scale' : 'deploy'], msg('composeChecks.project.scale'));
  const networkMode = text(raw.network_mode) || undefined;
  if (networkMode !== undefined && has(raw, 'networks')) error(r, [...path, 'network_mode'], msg('composeChecks.project.networkModeAndNetworks', { name }));
  if (networkMode !== undefined && !/^(host|none|bridge|container:.+|service:.+)$/.test(networkMode)) error(r, [...path, 'network_mode'], msg('composeChecks.project.networkMode', { mode: networkMode, container: 'container:<name>', service: 'service:<service>' }));
  const containerName = text(raw.container_name) || undefined;
  if (containerName !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(containerName)) error(r, [...path, 'container_name'], msg('composeChecks.project.containerName', { name: containerName }));
  if (containerName !== undefined && scale > 1) error(r, [...path, 'container_name'], msg('composeChecks.project.containerNameScale', { name, scale: String(scale) }));
  const profiles = strings(raw.profiles);
  profiles.forEach((p, i) => {
    if (!PROFILE.test(p)) error(r, [...path, 'profiles', i], msg('composeChecks.project.profileName', { profile: p }));
  });
  const service: ProjectService = {
    name,
    image,
    ...(raw.command !== undefined && raw.command !== null ? { command: shellCommand(r.ctx, raw.command, [...path, 'command']) } : {}),
    ...(raw.entrypoint !== undefined && raw.entrypoint !== null ? { entrypoint: shellCommand(r.ctx, raw.entrypoint, [...path, 'entrypoint']) } : {}),
    environment: environmentOf(r, raw, path),
    labels: labelsOf(r.ctx, raw.labels, [...path, 'labels']) ?? {},
    ports: portsOf(r, raw.ports, [...path, 'ports']),
    expose: (Array.isArray(raw.expose) ? raw.expose : []).map((e) => String(e)),
    mounts: mountsOf(r, name, raw.volumes, [...path, 'volumes'], defs.volumes),
    networks: networkMode === undefined ? networksOf(r, name, raw, path, defs.networks) : [],
    ...(networkMode !== undefined ? { networkMode } : {}),
    restart: restartOf(r, raw.restart, [...path, 'restart']),
    ...(isDict(raw.healthcheck) ? { healthcheck: healthcheckOf(r, raw.healthcheck, [...path, 'healthcheck']) } : {}),
    dependsOn: dependsOnOf(r, raw.depends_on, [...path, 'depends_on']),
    ...(text(raw.working_dir) ? { workingDir: text(raw.working_dir) } : {}),
    ...(raw.user !== undefined && raw.user !== null ? { user: String(raw.user) } : {}),
    ...(text(raw.hostname) ? { hostname: text(raw.hostname) } : {}),
    ...(containerName ? { containerName } : {}),
    tty: raw.tty === true,
    stdinOpen: raw.stdin_open === true,
    ...(typeof raw.init === 'boolean' ? { init: raw.init } : {}),
    ...(text(raw.stop_signal) ? { stopSignal: text(raw.stop_signal) } : {}),
    ...(raw.stop_grace_period !== undefined ? { stopGracePeriod: Math.round((seconds(r, raw.stop_grace_period, [...path, 'stop_grace_period']) ?? 0) / 1e9) } : {}),
    extraHosts: Array.isArray(raw.extra_hosts) ? strings(raw.extra_hosts) : Object.entries(dict(raw.extra_hosts)).map(([h, ip]) => `${h}:${String(ip)}`),
    files: [
      ...readFileReferences(r.ctx, 'secret', raw.secrets, path, defs.secrets, defs.digestKey),
      ...readFileReferences(r.ctx, 'config', raw.configs, path, defs.configs, defs.digestKey),
    ],
    scale,
    profiles,
  };
  if (networkMode?.startsWith('service:')) {
    const target = networkMode.slice('service:'.length);
    if (!service.dependsOn[target]) service.dependsOn[target] = { condition: 'service_started', required: true, restart: false };
  }
  return hasErrors(r.problems.slice(before)) ? null : service;
}

export function readProject(input: ReadProjectInput): { project: ComposeProject | null; problems: ComposeProblem[] } {
  const result = read(input);
  return { project: result.project, problems: inReadingOrder(result.problems) };
}

function read(input: ReadProjectInput): { project: ComposeProject | null; problems: ComposeProblem[] } {
  const problems: ComposeProblem[] = [];
  const nameProblem = validateProjectName(input.projectName);
  if (nameProblem) problems.push({ severity: 'error', said: nameProblem });
  const { files, errors: fileErrors } = normaliseStackFiles(input.files, 'project');
  for (const said of fileErrors) problems.push({ severity: 'error', said });
  problems.push(...checkVariables(input.variables));
  const parsed = parseComposeSource(input.composeText);
  problems.push(...parsed.problems);
  if (parsed.document === null || hasErrors(problems)) return { project: null, problems };
  if (!isDict(parsed.document)) return { project: null, problems: [...problems, { severity: 'error', said: msg('composeChecks.project.notMapping') }] };
  const trace = input.trace;
  const interpolated = interpolate(parsed.document, input.variables, parsed.locate, trace && ((name, at) => trace.variable(name, at)));
  problems.push(...interpolated.problems);
  const document = interpolated.document as Dict;
  const reader: Reader = {
    project: input.projectName,
    ...(input.workingDir ? { workingDir: input.workingDir } : {}),
    problems,
    locate: parsed.locate,
    ctx: {
      namespace: input.projectName,
      version: { major: 3, minor: 13, versionless: true },
      lookup: (name, at) => {
        trace?.variable(name, at);
        return Object.hasOwn(input.variables, name) ? input.variables[name] : undefined;
      },
      files,
      readFile: (path, at) => {
        const read = readStackFile(files, path, 'project');
        if (!('error' in read)) trace?.file(read.path, at);
        return read;
      },
      locate: parsed.locate,
      isFloat: parsed.isFloat,
      problems,
    },
  };
  for (const key of Object.keys(document)) {
    if (key.startsWith('x-') || TOP_KEYS.has(key)) continue;
    error(reader, [key], msg('composeChecks.project.topKeyUnsupported', { key }));
  }
  if (has(document, 'version')) warning(reader, ['version'], msg('composeChecks.project.versionObsolete'));
  const networks = definitions<ProjectNetwork>(reader, 'networks', document, (key, raw, name, external) => ({
    key, name, external, driver: text(raw.driver) || 'bridge', driverOpts: stringRecord(reader.ctx, raw.driver_opts, ['networks', key, 'driver_opts']) ?? {},
    labels: labelsOf(reader.ctx, raw.labels, ['networks', key, 'labels']) ?? {}, internal: raw.internal === true,
  }));
  const volumes = definitions<ProjectVolume>(reader, 'volumes', document, (key, raw, name, external) => ({
    key, name, external, driver: text(raw.driver) || 'local', driverOpts: stringRecord(reader.ctx, raw.driver_opts, ['volumes', key, 'driver_opts']) ?? {},
    labels: labelsOf(reader.ctx, raw.labels, ['volumes', key, 'labels']) ?? {},
  }));
  const secrets = readFileDefinitions(reader.ctx, 'secret', document);
  const configs = readFileDefinitions(reader.ctx, 'config', document);

  const profiles = new Set(input.profiles ?? []);
  const entries = Object.entries(dict(document.services));
  if (entries.length === 0) error(reader, has(document, 'services') ? ['services'] : [], msg('composeChecks.noServices'));
  const services: ProjectService[] = [];
  const disabled: string[] = [];
  for (const [name, raw] of entries) {
    if (!isDict(raw)) {
      error(reader, ['services', name], msg('composeChecks.project.serviceNotMapping', { name }));
      continue;
    }
    if (!enabled(raw, profiles)) {
      disabled.push(name);
      continue;
    }
    const service = readService(reader, name, raw, { networks, volumes, secrets, configs, digestKey: input.digestKey ?? '' });
    if (service) services.push(service);
  }
  if (entries.length > 0 && services.length === 0 && !hasErrors(problems)) error(reader, ['services'], msg('composeChecks.project.noneEnabled', { profiles: [...new Set(disabled.flatMap((n) => strings(dict(dict(document.services)[n]).profiles)))].join(', ') }));
  const all = new Set(entries.map(([name]) => name));
  for (const service of services) {
    for (const dependency of Object.keys(service.dependsOn)) {
      const at = ['services', service.name, service.networkMode === `service:${dependency}` ? 'network_mode' : 'depends_on'];
      if (!all.has(dependency)) error(reader, at, msg('composeChecks.project.undefinedDependency', { name: service.name, dependency }));
      else if (disabled.includes(dependency) && service.dependsOn[dependency].required) error(reader, at, msg('composeChecks.project.disabledDependency', { name: service.name, dependency }));
      else if (disabled.includes(dependency)) delete service.dependsOn[dependency];
    }
  }
  if (hasErrors(problems)) return { project: null, problems };
  const order = startOrder(services);
  if ('cycle' in order) return { project: null, problems: [...problems, problemAt('error', ['services', order.cycle[0], 'depends_on'], cycleMessage(order.cycle), reader.locate)] };
  const usedNetworks = new Set(services.flatMap((s) => s.networks.map((n) => n.key)));
  const usedVolumes = new Set(services.flatMap((s) => s.mounts.flatMap((m) => (m.type === 'volume' && m.source ? [m.source] : []))));
  const defaultNetwork: ProjectNetwork = networks.get('default') ?? { key: 'default', name: scopedName(input.projectName, 'default'), external: false, driver: 'bridge', driverOpts: {}, labels: {}, internal: false };
  return {
    project: {
      name: input.projectName,
      services,
      disabled,
      networks: [...usedNetworks].map((key) => (key === 'default' ? defaultNetwork : (networks.get(key) as ProjectNetwork))),
      volumes: [...volumes.values()].filter((v) => usedVolumes.has(v.key)),
      ...(input.workingDir ? { workingDir: input.workingDir } : {}),
      contents: Object.fromEntries(
        services.flatMap((s) => s.files).map((f) => [contentKey(f.kind, f.source), (f.kind === 'secret' ? secrets : configs).contents.get(f.source) ?? '']),
      ),
    },
    problems,
  };
}
