// What the console shows of containers: list rows from the engine's /containers/json, the
// detail from /containers/{id}/json (environment values masked unless revealed), and the
// table's filters and sorts. Pure: the services and the browser both use it.

export type RawPort = { IP?: string; PrivatePort: number; PublicPort?: number; Type: string };
export type RawContainer = {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: RawPort[] | null;
  Labels?: Record<string, string> | null;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string }[] | null;
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> | null } | null;
};

export type ContainerState = 'running' | 'paused' | 'restarting' | 'exited' | 'created' | 'removing' | 'dead';
export type Health = 'healthy' | 'unhealthy' | 'starting' | null;

export type ContainerRow = {
  /** Unique across hosts: hostId/containerId. */
  key: string;
  hostId: string;
  hostName: string;
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  createdAt: string | null;
  ports: string[];
  stack: string | null;
  /** Whether `stack` names a swarm stack or a Compose project. */
  stackKind: Belonging['stackKind'];
  service: string | null;
  serviceId: string | null;
  /** The swarm of the container's host, when it is in one Wharf knows (for links to its stack and service). */
  swarmId: string | null;
  health: Health;
};

export type HostListing = { hostId: string; hostName: string; ok: boolean; count: number; error?: string };
/** `manageable`: the ids of the rows the reader may start, stop, restart and remove (container.manage
 * on each one's own target, owner included: a stack's member may manage its tasks on a host they hold nothing else on). */
export type ContainerList = { containers: ContainerRow[]; hosts: HostListing[]; manageable: string[] };

export const STACK_LABEL = 'com.docker.stack.namespace';
export const SERVICE_LABEL = 'com.docker.swarm.service.name';
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';

/** What the labels say a container belongs to. `stack` is a swarm stack's or a Compose project's name, as `stackKind` says. */
export type Belonging = { stack: string | null; stackKind: 'stack' | 'project' | null; service: string | null; serviceId: string | null };

export function belongingOf(labels: Record<string, string> | null | undefined): Belonging {
  const l = labels ?? {};
  const stack = l[STACK_LABEL] ?? null;
  const project = stack ? null : (l[COMPOSE_PROJECT_LABEL] ?? null);
  return { stack: stack ?? project, stackKind: stack ? 'stack' : project ? 'project' : null, service: l[SERVICE_LABEL] ?? null, serviceId: l[SERVICE_ID_LABEL] ?? null };
}

/** The engine names containers "/name"; a linked container has more names ("/other/alias"). */
export function containerName(c: Pick<RawContainer, 'Names' | 'Id'>): string {
  const names = (c.Names ?? []).map((n) => n.replace(/^\//, ''));
  return names.find((n) => !n.includes('/')) ?? names[0] ?? c.Id.slice(0, 12);
}

/** "Up 3 minutes (healthy)" → healthy; "(health: starting)" → starting. */
export function healthOf(status: string): Health {
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return null;
}

/** "0.0.0.0:8080->80/tcp", "80/tcp"; IPv4 and IPv6 bindings of one port shown once. */
export function formatPorts(ports: RawPort[] | null | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const sorted = [...(ports ?? [])].sort((a, b) => a.PrivatePort - b.PrivatePort || (a.PublicPort ?? 0) - (b.PublicPort ?? 0));
  for (const p of sorted) {
    const text = p.PublicPort ? `${p.IP && p.IP !== '::' ? p.IP : '0.0.0.0'}:${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}

const isoOfUnix = (seconds: number | undefined) => (typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000).toISOString() : null);

export function toContainerRow(c: RawContainer, host: { hostId: string; hostName: string; swarmId?: string | null }): ContainerRow {
  const labels = c.Labels ?? {};
  const status = c.Status ?? '';
  return {
    key: `${host.hostId}/${c.Id}`,
    hostId: host.hostId,
    hostName: host.hostName,
    swarmId: host.swarmId ?? null,
    id: c.Id,
    name: containerName(c),
    image: c.Image ?? '',
    state: c.State ?? 'unknown',
    status,
    createdAt: isoOfUnix(c.Created),
    ports: formatPorts(c.Ports),
    ...belongingOf(labels),
    health: healthOf(status),
  };
}

// ---------- filters and sorts (the table's, in the browser) ----------

export type ContainerFilters = { host?: string; state?: string; stack?: string; service?: string; image?: string; name?: string };
export type SortKey = 'name' | 'host' | 'image' | 'state' | 'created' | 'stack' | 'service';
export type Sort = { key: SortKey; dir: 'asc' | 'desc' };

const contains = (haystack: string | null, needle: string | undefined) => !needle || (haystack ?? '').toLowerCase().includes(needle.trim().toLowerCase());

export function filterContainers(rows: readonly ContainerRow[], f: ContainerFilters): ContainerRow[] {
  return rows.filter(
    (r) =>
      (!f.host || r.hostId === f.host) &&
      (!f.state || r.state === f.state) &&
      (!f.stack || (f.stack === '-' ? r.stack === null : r.stack === f.stack)) &&
      contains(r.service, f.service) &&
      contains(r.image, f.image) &&
      contains(r.name, f.name),
  );
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const sortText: Record<SortKey, (r: ContainerRow) => string> = {
  name: (r) => r.name,
  host: (r) => r.hostName,
  image: (r) => r.image,
  state: (r) => r.state,
  created: (r) => r.createdAt ?? '',
  stack: (r) => r.stack ?? '',
  service: (r) => r.service ?? '',
};

/** Sorted copy; ties broken by name, then host, so the order is stable across refreshes. */
export function sortContainers(rows: readonly ContainerRow[], sort: Sort): ContainerRow[] {
  const by = sortText[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const primary = sort.key === 'created' ? by(a).localeCompare(by(b)) : collator.compare(by(a), by(b));
    return sign * primary || collator.compare(a.name, b.name) || collator.compare(a.hostName, b.hostName) || a.id.localeCompare(b.id);
  });
}

/** The distinct values a filter can pick from. */
export function filterChoices(rows: readonly ContainerRow[]): { states: string[]; stacks: string[] } {
  const states = new Set<string>();
  const stacks = new Set<string>();
  for (const r of rows) {
    states.add(r.state);
    if (r.stack) stacks.add(r.stack);
  }
  return { states: [...states].sort(collator.compare), stacks: [...stacks].sort(collator.compare) };
}

/** Which row actions make sense in a state (the engine would refuse the others). */
export function actionsFor(state: string): ContainerVerb[] {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'kill', 'pause'];
    case 'paused':
      return ['unpause', 'kill'];
    case 'restarting':
      return ['stop', 'kill'];
    default:
      return ['start'];
  }
}

export const CONTAINER_VERBS = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause'] as const;
export type ContainerVerb = (typeof CONTAINER_VERBS)[number];

// ---------- detail ----------

export type EnvEntry = { name: string; value: string | null };
export type ContainerDetail = {
  hostId: string;
  hostName: string;
  id: string;
  name: string;
  image: string;
  imageId: string;
  createdAt: string | null;
  state: { status: string; running: boolean; paused: boolean; exitCode: number | null; startedAt: string | null; finishedAt: string | null; restartCount: number; oomKilled: boolean; error: string | null };
  command: string[];
  entrypoint: string[];
  workingDir: string;
  user: string;
  restartPolicy: string;
  stack: string | null;
  stackKind: Belonging['stackKind'];
  service: string | null;
  serviceId: string | null;
  /** The swarm of the container's host, when it is in one Wharf knows (for links to its stack and service). */
  swarmId: string | null;
  env: EnvEntry[];
  envRevealed: boolean;
  mounts: { type: string; name: string | null; source: string; destination: string; mode: string; readOnly: boolean }[];
  networks: { name: string; ipAddress: string; gateway: string; macAddress: string; aliases: string[] }[];
  ports: { container: string; host: string[] }[];
  labels: { name: string; value: string }[];
  health: { status: string; failingStreak: number; log: { start: string; end: string; exitCode: number; output: string }[] } | null;
  resources: { nanoCpus: number; memoryBytes: number };
  processes: { titles: string[]; rows: string[][] } | null;
  /** The inspect document with environment values masked unless revealed. */
  raw: unknown;
};

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const time = (v: unknown): string | null => {
  const s = str(v);
  return s && !s.startsWith('0001-') ? s : null;
};

export const MASK = '••••••';

/** "NAME=value" → name and value; a bare "NAME" has an empty value. */
export function splitEnv(entry: string): { name: string; value: string } {
  const at = entry.indexOf('=');
  return at < 0 ? { name: entry, value: '' } : { name: entry.slice(0, at), value: entry.slice(at + 1) };
}

/** Environment entries for the page: names always, values only when revealed. */
export function envEntries(env: unknown, reveal: boolean): EnvEntry[] {
  return arr(env).map((e) => {
    const { name, value } = splitEnv(String(e));
    return { name, value: reveal ? value : null };
  });
}

/** The inspect document with every environment value replaced by the mask (names kept). */
export function maskInspect(inspect: unknown): unknown {
  const doc = rec(inspect);
  const config = rec(doc.Config);
  if (!Array.isArray(config.Env)) return doc;
  return { ...doc, Config: { ...config, Env: config.Env.map((e) => `${splitEnv(String(e)).name}=${MASK}`) } };
}

export function toContainerDetail(inspect: unknown, host: { hostId: string; hostName: string; swarmId?: string | null }, options: { reveal: boolean; top: { Titles?: string[]; Processes?: string[][] } | null }): ContainerDetail {
  const doc = rec(inspect);
  const config = rec(doc.Config);
  const state = rec(doc.State);
  const hostConfig = rec(doc.HostConfig);
  const labels = Object.entries(rec(config.Labels)).map(([name, value]) => ({ name, value: String(value) }));
  const restart = rec(hostConfig.RestartPolicy);
  const restartName = str(restart.Name) || 'no';
  const health = rec(state.Health);
  const portMap = rec(rec(doc.NetworkSettings).Ports);
  return {
    hostId: host.hostId,
    hostName: host.hostName,
    swarmId: host.swarmId ?? null,
    id: str(doc.Id),
    name: str(doc.Name).replace(/^\//, ''),
    image: str(config.Image),
    imageId: str(doc.Image),
    createdAt: time(doc.Created),
    state: {
      status: str(state.Status) || 'unknown',
      running: state.Running === true,
      paused: state.Paused === true,
      exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : null,
      startedAt: time(state.StartedAt),
      finishedAt: time(state.FinishedAt),
      restartCount: num(doc.RestartCount),
      oomKilled: state.OOMKilled === true,
      error: str(state.Error) || null,
    },
    command: arr(config.Cmd).map(String),
    entrypoint: arr(config.Entrypoint).map(String),
    workingDir: str(config.WorkingDir),
    user: str(config.User),
    restartPolicy: restartName === 'on-failure' && num(restart.MaximumRetryCount) ? `on-failure:${num(restart.MaximumRetryCount)}` : restartName,
    ...belongingOf(Object.fromEntries(labels.map((l) => [l.name, l.value]))),
    env: envEntries(config.Env, options.reveal),
    envRevealed: options.reveal,
    mounts: arr(doc.Mounts).map((m) => {
      const mount = rec(m);
      return { type: str(mount.Type), name: str(mount.Name) || null, source: str(mount.Source), destination: str(mount.Destination), mode: str(mount.Mode), readOnly: mount.RW === false };
    }),
    networks: Object.entries(rec(rec(doc.NetworkSettings).Networks))
      .map(([name, n]) => {
        const net = rec(n);
        return { name, ipAddress: str(net.IPAddress), gateway: str(net.Gateway), macAddress: str(net.MacAddress), aliases: arr(net.Aliases).map(String) };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    ports: Object.entries(portMap)
      .map(([container, bindings]) => ({ container, host: arr(bindings).map((b) => `${str(rec(b).HostIp) || '0.0.0.0'}:${str(rec(b).HostPort)}`).filter((v, i, all) => all.indexOf(v) === i) }))
      .sort((a, b) => parseInt(a.container, 10) - parseInt(b.container, 10)),
    labels: labels.sort((a, b) => a.name.localeCompare(b.name)),
    health: Object.keys(health).length
      ? {
          status: str(health.Status),
          failingStreak: num(health.FailingStreak),
          log: arr(health.Log).map((l) => {
            const entry = rec(l);
            return { start: str(entry.Start), end: str(entry.End), exitCode: num(entry.ExitCode), output: str(entry.Output) };
          }),
        }
      : null,
    resources: { nanoCpus: num(hostConfig.NanoCpus), memoryBytes: num(hostConfig.Memory) },
    processes: options.top ? { titles: options.top.Titles ?? [], rows: options.top.Processes ?? [] } : null,
    raw: options.reveal ? doc : maskInspect(doc),
  };
}
