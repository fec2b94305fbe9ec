// One container of a project's service, as Compose v2 creates it: the create body (name, labels,
// ports, mounts, networks, restart policy, health check) and the config hash that tells a later
// `up` whether the container still matches the file. Pure.
import 'server-only';
import { createHash } from 'node:crypto';
import { containerLabels, containerName, LABEL, scopedName, type Labels } from './compose-labels.ts';
import type { ComposeProject, ProjectService } from './read-project.ts';

/** JSON with object keys sorted at every level: the same service always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The service's config hash, as Compose keeps it in com.docker.compose.config-hash: SHA-256 of its
 * configuration without what does not need a new container (scale, profiles). The network and
 * volume names it resolves to are part of it, so renaming one recreates what uses it, and so are
 * its secrets' and configs' digests, so changing one recreates what uses it.
 */
export function configHash(project: Pick<ComposeProject, 'name' | 'networks' | 'volumes'>, service: ProjectService): string {
  const { scale: _scale, profiles: _profiles, files, ...config } = service;
  const networks = config.networks.map((n) => ({ ...n, name: project.networks.find((p) => p.key === n.key)?.name }));
  const mounts = config.mounts.map((m) => (m.type === 'volume' && m.source ? { ...m, name: project.volumes.find((v) => v.key === m.source)?.name } : m));
  // Secrets and configs by their digests (never their content); left out when there are none, so a
  // service without them keeps the hash it had before Wharf read them.
  return createHash('sha256').update(canonical({ ...config, networks, mounts, ...(files.length ? { files } : {}) })).digest('hex');
}

/** The value Compose v2 writes in com.docker.compose.depends_on: "service:condition:restart,…". */
export const dependsOnLabel = (service: ProjectService) =>
  Object.entries(service.dependsOn).map(([name, d]) => `${name}:${d.condition}:${d.restart}`).join(',');

export const nameOf = (project: string, service: ProjectService, number: number) => service.containerName ?? containerName(project, service.name, number);

export type CreateBody = {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env: string[];
  Labels: Labels;
  Hostname?: string;
  User?: string;
  WorkingDir?: string;
  Tty: boolean;
  OpenStdin: boolean;
  AttachStdin: boolean;
  StopSignal?: string;
  StopTimeout?: number;
  Healthcheck?: ProjectService['healthcheck'];
  ExposedPorts?: Record<string, Record<string, never>>;
  HostConfig: {
    NetworkMode: string;
    RestartPolicy: ProjectService['restart'];
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
    Binds?: string[];
    Mounts?: { Type: 'volume' | 'tmpfs'; Source?: string; Target: string; ReadOnly?: boolean }[];
    Init?: boolean;
    ExtraHosts?: string[];
  };
  NetworkingConfig?: { EndpointsConfig: Record<string, { Aliases: string[] }> };
};

export type ContainerPlanInput = {
  project: ComposeProject;
  service: ProjectService;
  number: number;
  hash: string;
  /** For network_mode service:x, the container x's first container resolves to (its id). */
  serviceContainer?: (service: string) => string | undefined;
};

/** The networks a container joins after the first, with their aliases (engines before API 1.44 take one at create). */
export function extraNetworks(input: ContainerPlanInput): { name: string; aliases: string[] }[] {
  return endpoints(input).slice(1);
}

/** The service's networks in the order Compose joins them (by key, v1 and v2 alike): the first is the container's network mode. */
function endpoints({ project, service, number }: ContainerPlanInput): { name: string; aliases: string[] }[] {
  return [...service.networks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((n) => ({
    name: project.networks.find((p) => p.key === n.key)?.name ?? scopedName(project.name, n.key),
    // Compose v2: the container's own name, then the service's, then those the file adds.
    aliases: [nameOf(project.name, service, number), service.name, ...n.aliases],
  }));
}

export function createBody(input: ContainerPlanInput): CreateBody {
  const { project, service, number, hash } = input;
  const joined = endpoints(input);
  let networkMode = joined[0]?.name ?? 'none';
  if (service.networkMode?.startsWith('service:')) networkMode = `container:${input.serviceContainer?.(service.networkMode.slice('service:'.length)) ?? ''}`;
  else if (service.networkMode) networkMode = service.networkMode;
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of service.ports) {
    const key = `${port.target}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp, HostPort: port.published ? String(port.published) : '' });
  }
  for (const e of service.expose) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  const binds = service.mounts.flatMap((m) => (m.type === 'bind' ? [`${m.source}:${m.target}${m.readOnly ? ':ro' : ':rw'}`] : []));
  const mounts = service.mounts.flatMap((m): NonNullable<CreateBody['HostConfig']['Mounts']> => {
    if (m.type === 'tmpfs') return [{ Type: 'tmpfs', Target: m.target }];
    if (m.type !== 'volume') return [];
    const name = m.source ? project.volumes.find((v) => v.key === m.source)?.name : undefined;
    return [{ Type: 'volume', ...(name ? { Source: name } : {}), Target: m.target, ...(m.readOnly ? { ReadOnly: true } : {}) }];
  });
  const labels: Labels = { ...service.labels, ...containerLabels({ project: project.name, service: service.name, number, configHash: hash, dependsOn: dependsOnLabel(service), ...(project.workingDir ? { workingDir: project.workingDir } : {}) }) };
  return {
    Image: service.image,
    ...(service.command ? { Cmd: service.command } : {}),
    ...(service.entrypoint ? { Entrypoint: service.entrypoint } : {}),
    Env: service.environment,
    Labels: labels,
    ...(service.hostname ? { Hostname: service.hostname } : {}),
    ...(service.user !== undefined ? { User: service.user } : {}),
    ...(service.workingDir ? { WorkingDir: service.workingDir } : {}),
    Tty: service.tty,
    OpenStdin: service.stdinOpen,
    AttachStdin: service.stdinOpen,
    ...(service.stopSignal ? { StopSignal: service.stopSignal } : {}),
    ...(service.stopGracePeriod !== undefined ? { StopTimeout: service.stopGracePeriod } : {}),
    ...(service.healthcheck ? { Healthcheck: service.healthcheck } : {}),
    ...(Object.keys(exposed).length ? { ExposedPorts: exposed } : {}),
    HostConfig: {
      NetworkMode: networkMode,
      RestartPolicy: service.restart,
      // Sent even when empty, as Compose does.
      PortBindings: bindings,
      ...(binds.length ? { Binds: binds } : {}),
      ...(mounts.length ? { Mounts: mounts } : {}),
      ...(service.init !== undefined ? { Init: service.init } : {}),
      ...(service.extraHosts.length ? { ExtraHosts: service.extraHosts } : {}),
    },
    ...(joined.length ? { NetworkingConfig: { EndpointsConfig: { [joined[0].name]: { Aliases: joined[0].aliases } } } } : {}),
  };
}

/** The label of an existing container that says which hash it was made from. */
export const hashOf = (labels: Labels) => labels[LABEL.configHash] ?? '';
