// Duplicating a container: its inspect turned into the create form's values (image, command,
// environment, ports, volumes, network, restart, resources, privileged) and the labels carried
// over, without the ones that belong to a Compose project, a stack or a swarm task, ownership, or
// Wharf's own creator mark. The copy's name is suffixed. What the form cannot say is listed, so the
// page tells the user it is not copied. Pure.
import { formatCommandLine } from '@/lib/models/command-line.ts';
import { ownerLabelKeys } from '@/lib/models/access/containment.ts';
import { CREATED_BY_LABEL, type RestartPolicy } from './container-form.ts';

/** The parts of an engine's container inspect that the form reads. */
export type InspectForForm = {
  Name?: string;
  Config?: { Image?: string; Cmd?: string[] | null; Entrypoint?: string[] | string | null; Env?: string[] | null; Labels?: Record<string, string> | null } | null;
  HostConfig?: {
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    RestartPolicy?: { Name?: string } | null;
    NanoCpus?: number | null;
    Memory?: number | null;
    NetworkMode?: string | null;
    Privileged?: boolean | null;
  } | null;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[] | null;
  NetworkSettings?: { Networks?: Record<string, unknown> | null } | null;
};

/** The form's text fields, as the create form holds them. */
export type DuplicateValues = {
  image: string;
  name: string;
  command: string;
  ports: string;
  env: string;
  volumes: string;
  restart: RestartPolicy;
  cpus: string;
  memoryMb: string;
  network: string;
  privileged: boolean;
};

/** What the form cannot carry over: said to the user beside it. */
export type NotCopied = 'entrypoint' | 'networks' | 'environment';

export type Duplicate = { values: DuplicateValues; labels: Record<string, string>; notCopied: NotCopied[] };

/** Labels that say what made or owns the container, not what it is: never copied. */
const OWN_LABEL_PREFIXES = ['com.docker.compose.', 'com.docker.stack.', 'com.docker.swarm.'];
function carriedLabels(labels: Record<string, string>): Record<string, string> {
  const owned = new Set(ownerLabelKeys(labels));
  return Object.fromEntries(Object.entries(labels).filter(([key]) => key !== CREATED_BY_LABEL && !owned.has(key) && !OWN_LABEL_PREFIXES.some((p) => key.toLowerCase().startsWith(p))));
}

const RESTARTS: readonly RestartPolicy[] = ['no', 'always', 'unless-stopped', 'on-failure'];
const DEFAULT_NETWORKS = new Set(['', 'default', 'bridge']);
const MIB = 1024 * 1024;

/** The name of the copy: the original's with a suffix (the engine refuses it if taken, on the name field). */
export const copyName = (name: string) => `${name.replace(/^\//, '').slice(0, 120)}-copy`;

function portLines(bindings: NonNullable<NonNullable<InspectForForm['HostConfig']>['PortBindings']>): string[] {
  const lines: string[] = [];
  for (const [port, hosts] of Object.entries(bindings)) {
    const [number, protocol = 'tcp'] = port.split('/');
    const suffix = protocol === 'tcp' ? '' : `/${protocol}`;
    for (const binding of hosts ?? []) {
      const hostIp = binding.HostIp && binding.HostIp !== '0.0.0.0' && binding.HostIp !== '::' ? `${binding.HostIp}:` : '';
      lines.push(binding.HostPort ? `${hostIp}${binding.HostPort}:${number}${suffix}` : `${number}${suffix}`);
    }
  }
  return lines;
}

function volumeLines(mounts: NonNullable<InspectForForm['Mounts']>): string[] {
  return mounts.flatMap((m) => {
    if (!m.Destination) return [];
    const mode = m.RW === false ? ':ro' : '';
    if (m.Type === 'bind' && m.Source) return [`${m.Source}:${m.Destination}${mode}`];
    if (m.Type !== 'volume') return [];
    // An anonymous volume (64 hex digits) is made anew for the copy: the path alone.
    const anonymous = !m.Name || /^[0-9a-f]{64}$/.test(m.Name);
    return [anonymous ? `${m.Destination}${mode}` : `${m.Name}:${m.Destination}${mode}`];
  });
}

/** `withEnv`: whether the reader may see the environment's values (container.env); else it is left out and said so. */
export function duplicateFromInspect(inspect: InspectForForm, options: { withEnv: boolean }): Duplicate {
  const config = inspect.Config ?? {};
  const host = inspect.HostConfig ?? {};
  const notCopied: NotCopied[] = [];
  const entrypoint = config.Entrypoint;
  if (entrypoint && (Array.isArray(entrypoint) ? entrypoint.length : entrypoint)) notCopied.push('entrypoint');
  const mode = host.NetworkMode ?? '';
  const network = DEFAULT_NETWORKS.has(mode) ? '' : mode;
  const attached = Object.keys(inspect.NetworkSettings?.Networks ?? {}).filter((n) => n !== mode && !(DEFAULT_NETWORKS.has(mode) && n === 'bridge'));
  if (attached.length) notCopied.push('networks');
  const env = config.Env ?? [];
  if (!options.withEnv && env.length) notCopied.push('environment');
  const restart = (host.RestartPolicy?.Name || 'no') as RestartPolicy;
  return {
    values: {
      image: config.Image ?? '',
      name: copyName(inspect.Name ?? ''),
      command: formatCommandLine(config.Cmd ?? []),
      ports: portLines(host.PortBindings ?? {}).join('\n'),
      env: options.withEnv ? env.join('\n') : '',
      volumes: volumeLines(inspect.Mounts ?? []).join('\n'),
      restart: RESTARTS.includes(restart) ? restart : 'no',
      cpus: host.NanoCpus ? String(host.NanoCpus / 1e9) : '',
      memoryMb: host.Memory ? String(Math.round(host.Memory / MIB)) : '',
      network,
      privileged: host.Privileged === true,
    },
    labels: carriedLabels(config.Labels ?? {}),
    notCopied,
  };
}
