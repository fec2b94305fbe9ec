// A swarm of lab engines for the benchmarks, formed straight through the engines' APIs (setup is
// not what is measured), and the docker CLI timed against it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { labUp, type HostState } from '@/scripts/lab/index.ts';
import type { BenchContext } from './benchmark.ts';
import { onCleanup } from './cleanup.ts';
import { startBenchConsole, type BenchConsole } from './console.ts';
import type { BenchPostgres } from './postgres.ts';
import { percentile, round } from './report.ts';

const run = promisify(execFile);

export type BenchSwarm = { manager: HostState; docker: Dockerode; members: HostState[]; leave(): Promise<void> };

async function leaveAll(hosts: HostState[]): Promise<void> {
  await Promise.all(hosts.map((h) => new Dockerode({ socketPath: h.socket }).swarmLeave({ force: true }).catch(() => undefined)));
}

/** Forms a swarm: the first host initialises it, the next `managers - 1` join as managers, the rest as workers. */
export async function formSwarm(hosts: HostState[], managers: number, log: (line: string) => void): Promise<BenchSwarm> {
  await leaveAll(hosts);
  const [first, ...rest] = hosts;
  const docker = new Dockerode({ socketPath: first.socket });
  await docker.swarmInit({ ListenAddr: '0.0.0.0:2377', AdvertiseAddr: first.address });
  const undo = onCleanup('bench swarm', () => leaveAll(hosts));
  const tokens = ((await docker.swarmInspect()) as { JoinTokens: { Worker: string; Manager: string } }).JoinTokens;
  // Managers one at a time (each join changes the raft membership), workers together.
  for (const h of rest.slice(0, managers - 1)) {
    await new Dockerode({ socketPath: h.socket }).swarmJoin({ ListenAddr: '0.0.0.0:2377', AdvertiseAddr: h.address, RemoteAddrs: [`${first.address}:2377`], JoinToken: tokens.Manager });
  }
  await Promise.all(
    rest.slice(managers - 1).map((h) => new Dockerode({ socketPath: h.socket }).swarmJoin({ ListenAddr: '0.0.0.0:2377', AdvertiseAddr: h.address, RemoteAddrs: [`${first.address}:2377`], JoinToken: tokens.Worker })),
  );
  const nodes = (await docker.listNodes()) as unknown[];
  if (nodes.length !== hosts.length) throw new Error(`the swarm has ${nodes.length} nodes, ${hosts.length} expected`);
  log(`swarm formed on ${hosts.map((h) => h.name).join(', ')} (${managers} managers)`);
  return {
    manager: first,
    docker,
    members: hosts,
    async leave() {
      undo();
      await leaveAll(hosts);
    },
  };
}

/** Runs the docker CLI (argv only, never a shell) against a unix socket; returns stdout and the milliseconds it took. */
export async function timedDocker(socket: string, args: string[]): Promise<{ stdout: string; ms: number }> {
  const t = performance.now();
  const { stdout } = await run('docker', ['--host', `unix://${socket}`, ...args], { maxBuffer: 256 * 1024 * 1024, timeout: 300_000, env: { ...process.env, DOCKER_CLI_HINTS: 'false' } });
  return { stdout, ms: performance.now() - t };
}

/** Polls `probe` until it returns something truthy, or fails after `timeoutMs` saying what it waited for. */
export async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 600_000, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** GET a console route as the signed-in administrator; returns the parsed body and the milliseconds it took. */
export async function timedGet<T>(origin: string, cookie: string, route: string): Promise<{ body: T; ms: number }> {
  const t = performance.now();
  const response = await fetch(`${origin}${route}`, { headers: { cookie, origin } });
  const body = (await response.json()) as T;
  const ms = performance.now() - t;
  if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { body, ms };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A timed path's median, min and max with every sample, rounded for the report (the A-against-B benches). */
export type SampleFigures = { median: number; min: number; max: number; samples: number[] };
export const sampleFigures = (samples: number[]): SampleFigures => ({ median: round(median(samples), 1), min: round(Math.min(...samples), 1), max: round(Math.max(...samples), 1), samples: samples.map((s) => round(s, 1)) });

/** Median, p90, min and max of a path's samples, rounded for the report. */
export type PathFigures = { median: number; p90: number; min: number; max: number };
export function pathFigures(samples: number[]): PathFigures {
  return { median: round(median(samples), 1), p90: round(percentile(samples, 90), 1), min: round(Math.min(...samples), 1), max: round(Math.max(...samples), 1) };
}

/**
 * Times each path `rounds` times, after `warmupRounds` unmeasured rounds, in an order that rotates every round so
 * that no path always runs first (or right after another); returns each path's figures.
 */
export async function measureRotating<P extends string>(paths: readonly P[], measure: Record<P, () => Promise<number>>, warmupRounds: number, rounds: number): Promise<Record<P, PathFigures>> {
  const samples = Object.fromEntries(paths.map((p) => [p, [] as number[]])) as Record<P, number[]>;
  for (let r = 0; r < warmupRounds + rounds; r++) {
    const order = paths.map((_, i) => paths[(i + r) % paths.length]);
    for (const path of order) {
      const ms = await measure[path]();
      if (r >= warmupRounds) samples[path].push(ms);
    }
  }
  return Object.fromEntries(paths.map((p) => [p, pathFigures(samples[p])])) as Record<P, PathFigures>;
}

export type SwarmBench = Awaited<ReturnType<typeof startSwarmBench>> & { log: BenchContext['log'] };

/** Runs `measure` with a swarm bench (see startSwarmBench), stopped however `measure` ends. */
export async function withSwarmBench<T>({ pg, log }: BenchContext, options: { name: string; engines: number; managers: number }, measure: (bench: SwarmBench) => Promise<T>): Promise<T> {
  const bench = await startSwarmBench({ pg, log, ...options });
  try {
    return await measure({ ...bench, log });
  } finally {
    await bench.stop();
  }
}

/** A swarm on lab-4..lab-(3+engines) (lab-1..3 belong to the test suite) with a production console
 * attached to all of them, once the console has seen the swarm. `stop` undoes both. */
export async function startSwarmBench(options: { pg: BenchPostgres; name: string; engines: number; managers: number; log: (line: string) => void }) {
  const lab = await labUp({ hosts: 3 + options.engines });
  const swarm = await formSwarm(lab.hosts.slice(3, 3 + options.engines), options.managers, options.log);
  let con: BenchConsole | null = null;
  try {
    con = await startBenchConsole({ pg: options.pg, name: options.name, hosts: swarm.members, log: options.log });
    await con.waitHostsUp(120_000);
    // The console learns swarms from its managers' facts.
    const swarmId = await until(async () => (await timedGet<{ id: string }[]>(con!.origin, con!.cookie, '/api/swarms')).body[0]?.id ?? null, 'the console to see the swarm', 60_000, 250);
    const running = con;
    return {
      lab,
      swarm,
      con: running,
      swarmId,
      async stop() {
        await running.stop();
        await swarm.leave();
      },
    };
  } catch (error) {
    await con?.stop();
    await swarm.leave();
    throw error;
  }
}
