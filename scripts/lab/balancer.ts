// A load balancer in front of several console replicas, as an operator without the swarm's ingress
// mesh runs one: Debian's haproxy (installed by packages.ts), round robin over the replicas' ports
// with a health check on /readyz. The lab owns the process (a pidfile under <labDir>/balancers/<name>/);
// `lab down` stops every balancer it finds there.
//
// No stickiness: Wharf's browser code opens socket.io with the WebSocket transport only, so a
// socket is one TCP connection that stays on the replica it reached; pages and server actions work
// on any replica. (socket.io's HTTP long-polling would need stickiness, by cookie or source; Wharf
// does not use it.) `timeout tunnel` keeps an open WebSocket for an hour; socket.io's own pings
// (every 25 s) keep it from looking idle.
import { existsSync, promises as fsp } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { pickFreePort } from '@/lib/net/ports.ts';
import { LabError, childEnv, livePid, spawnDetached, tailFile, terminate, waitFor } from './run.ts';
import { labDir } from './state.ts';

export type BalancerServer = { name: string; port: number };

export type LabBalancer = {
  name: string;
  /** The balancer's own port on 127.0.0.1. */
  port: number;
  url: string;
  dir: string;
  pid: number;
  servers: BalancerServer[];
};

export type ServerStatus = { name: string; status: string };

const BALANCERS = 'balancers';
const NAME_RULE = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const balancersDir = (dir = labDir()) => join(dir, BALANCERS);

/** haproxy's configuration for `servers` behind 127.0.0.1:`port` (pure: unit-tested). */
export function balancerConfig(options: { port: number; servers: BalancerServer[]; adminSocket: string }): string {
  return [
    '# Wharf lab: a load balancer in front of console replicas (scripts/lab/balancer.ts)',
    'global',
    '  maxconn 4096',
    `  stats socket ${options.adminSocket} mode 600 level admin`,
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    // Node closes an idle keep-alive connection after 5 s; a request haproxy sends on one at that
    // moment comes back empty (a 502). One server connection per request avoids the race on loopback,
    // and an empty answer or refused connection is tried again (elsewhere, with redispatch).
    '  option http-server-close',
    '  retry-on conn-failure empty-response',
    // A connection refused by a dead replica is tried again on another one before the checks have noticed.
    '  option redispatch',
    '  retries 3',
    '  timeout connect 2s',
    '  timeout http-request 10s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    '  timeout client-fin 5s',
    '',
    'frontend wharf',
    `  bind 127.0.0.1:${options.port}`,
    '  default_backend replicas',
    '',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk',
    '  http-check send meth GET uri /readyz',
    '  http-check expect status 200',
    // Checked every second: a replica is out after two failures and back after two answers;
    // when one is marked down, what it still held is cut so that its clients reconnect elsewhere.
    '  default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions',
    ...options.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    '',
  ].join('\n');
}

function layout(name: string, dir = labDir()) {
  const home = join(balancersDir(dir), name);
  return { home, config: join(home, 'haproxy.cfg'), pidfile: join(home, 'haproxy.pid'), log: join(home, 'haproxy.log'), adminSocket: join(home, 'admin.sock'), meta: join(home, 'balancer.json') };
}

/** One command to haproxy's admin socket; answers its output. */
async function adminCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = net.connect(socketPath, () => socket.end(`${command}\n`));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (out += chunk));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

/** Each server's state as haproxy's health checks see it (`UP`, `DOWN`, `UP 1/2`…). */
export async function balancerServerStatus(balancer: Pick<LabBalancer, 'dir'>): Promise<ServerStatus[]> {
  const csv = await adminCommand(join(balancer.dir, 'admin.sock'), 'show stat');
  const [header, ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  const columns = header.replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[at('pxname')] === 'replicas' && !['FRONTEND', 'BACKEND'].includes(cells[at('svname')]))
    .map((cells) => ({ name: cells[at('svname')], status: cells[at('status')] }));
}

/** Waits until haproxy's checks say `UP` for exactly the servers named (others may be anything). */
export async function waitForBalancerServers(balancer: Pick<LabBalancer, 'dir'>, up: string[], timeoutMs = 30_000): Promise<void> {
  await waitFor(`haproxy to see ${up.join(', ')} up`, async () => {
    const statuses = await balancerServerStatus(balancer).catch(() => []);
    return up.every((name) => statuses.some((s) => s.name === name && s.status === 'UP'));
  }, timeoutMs, 100);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Starts (or keeps) the balancer `name` in front of `servers`. Idempotent: a balancer of that name
 * already running with the same servers is answered as it is; one with other servers is restarted
 * on its port. Resolves once haproxy listens (not once the servers are up: see waitForBalancerServers).
 */
export async function startLabBalancer(options: { name: string; servers: BalancerServer[]; port?: number }): Promise<LabBalancer> {
  const { name, servers } = options;
  if (!NAME_RULE.test(name)) throw new LabError('balancer', `balancer name "${name}": lowercase letters, digits and dashes`);
  if (servers.length === 0) throw new LabError('balancer', 'a balancer needs at least one server');
  for (const s of servers) {
    if (!NAME_RULE.test(s.name)) throw new LabError('balancer', `server name "${s.name}": lowercase letters, digits and dashes`);
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) throw new LabError('balancer', `server ${s.name}: port ${s.port} is not a TCP port`);
  }
  const l = layout(name);
  await fsp.mkdir(l.home, { recursive: true });
  const previous = existsSync(l.meta) ? (JSON.parse(await fsp.readFile(l.meta, 'utf8')) as LabBalancer) : null;
  const running = livePid(l.pidfile, 'haproxy');
  if (running && previous && JSON.stringify(previous.servers) === JSON.stringify(servers) && (options.port === undefined || options.port === previous.port)) {
    return { ...previous, pid: running };
  }
  if (running) await terminate(running, 5_000, 5_000);
  const port = options.port ?? previous?.port ?? (await pickFreePort());
  await fsp.rm(l.adminSocket, { force: true });
  await fsp.writeFile(l.config, balancerConfig({ port, servers, adminSocket: l.adminSocket }));
  await fsp.appendFile(l.log, `=== wharf lab: haproxy ${name} on 127.0.0.1:${port} → ${servers.map((s) => `${s.name}:${s.port}`).join(', ')} at ${new Date().toISOString()}\n`);
  // -db: stay in the foreground (no fork), so the pid spawned is haproxy's own and goes in the pidfile.
  const pid = spawnDetached('haproxy', ['-db', '-f', l.config], l.log, childEnv());
  await fsp.writeFile(l.pidfile, `${pid}\n`);
  try {
    await waitFor(`haproxy ${name} listening on 127.0.0.1:${port}`, async () => {
      if (!livePid(l.pidfile, 'haproxy')) throw new Error('haproxy exited');
      return (await listening(port)) && existsSync(l.adminSocket);
    }, 15_000, 50);
  } catch (error) {
    throw new LabError('balancer', `${(error as Error).message}\n${tailFile(l.log, 20)}`);
  }
  const balancer: LabBalancer = { name, port, url: `http://127.0.0.1:${port}`, dir: l.home, pid, servers };
  await fsp.writeFile(l.meta, `${JSON.stringify(balancer, null, 2)}\n`);
  return balancer;
}

/** Stops the balancer `name` and removes its folder; nothing to do when it is not there. */
export async function stopLabBalancer(name: string, dir = labDir()): Promise<void> {
  const l = layout(name, dir);
  const pid = livePid(l.pidfile, 'haproxy');
  if (pid) await terminate(pid, 5_000, 5_000);
  await fsp.rm(l.home, { recursive: true, force: true });
}

/** Every balancer of the lab in `dir` (for `lab down`). */
export async function stopLabBalancers(dir = labDir()): Promise<void> {
  const names = await fsp.readdir(balancersDir(dir)).catch(() => [] as string[]);
  for (const name of names) await stopLabBalancer(name, dir);
  await fsp.rm(balancersDir(dir), { recursive: true, force: true });
}

/** A balancer a test or benchmark left in the lab, as `lab status` shows it. */
export type BalancerLiveness = { name: string; port: number | null; pid: number | null; servers: ServerStatus[] | null };

/** The lab's balancers (started on demand, not by `lab up`): each one's port, its haproxy, and its servers' checks (null when haproxy is not running). */
export async function labBalancers(dir = labDir()): Promise<BalancerLiveness[]> {
  const names = (await fsp.readdir(balancersDir(dir)).catch(() => [] as string[])).sort();
  return Promise.all(
    names.map(async (name) => {
      const l = layout(name, dir);
      const meta = existsSync(l.meta) ? (JSON.parse(await fsp.readFile(l.meta, 'utf8')) as LabBalancer) : null;
      const pid = livePid(l.pidfile, 'haproxy');
      const servers = pid ? await balancerServerStatus({ dir: l.home }).catch(() => null) : null;
      return { name, port: meta?.port ?? null, pid, servers };
    }),
  );
}
