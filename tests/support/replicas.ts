// Console replicas, each a process of its own (tests/support/replica-process.ts) on one database,
// for the tests and benchmarks that kill one: integration (tests/integration/replicas*.ts), the
// browser failover spec (e2e/replicas.spec.ts) and bench/failover.ts. The caller builds first
// (buildIfStale) and gives every replica the same keys, as replicas must.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pickFreePort } from '@/lib/net/ports.ts';

export const REPLICA_READY = 'replica ready: ';

export type ReplicaChild = {
  name: string;
  /** The replica's id (its Replica row). */
  id: string;
  port: number;
  origin: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<void>;
  output: string[];
  alive: () => boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop: (graceMs?: number) => Promise<void>;
};

/** What replicas of one console share: the sealing key and the session secret. */
export function sharedReplicaKeys(): { WHARF_SECRET_KEY: string; NEXTAUTH_SECRET: string } {
  return { WHARF_SECRET_KEY: randomBytes(32).toString('base64'), NEXTAUTH_SECRET: randomBytes(32).toString('base64url') };
}

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Starts one replica on `databaseUrl` (already migrated) and resolves with it once it printed its ready line. */
export async function spawnReplica(options: { name: string; databaseUrl: string; dataDir: string; env: Record<string, string>; port?: number }): Promise<ReplicaChild> {
  const port = options.port ?? (await pickFreePort());
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', REPLICA_PORT: String(port), REPLICA_DATA_DIR: options.dataDir, REPLICA_DATABASE_URL: options.databaseUrl };
  // The Origin check then compares with http://<Host header>: the replica's own, or the balancer's.
  delete env.WHARF_PUBLIC_URL;
  const child = spawn(process.execPath, ['--import', path.join(projectRoot, 'scripts/node/register.mjs'), path.join(projectRoot, 'tests/support/replica-process.ts')], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<{ replicaId: string }>((resolve, reject) => {
    let rest = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        if (line.startsWith(REPLICA_READY)) resolve(JSON.parse(line.slice(REPLICA_READY.length)) as { replicaId: string });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then(() => reject(new Error(`replica ${options.name} exited before it was ready:\n${output.join('\n')}`)));
  });
  const { replicaId } = await ready;
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name: options.name,
    id: replicaId,
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    exited,
    output,
    alive,
    async stop(graceMs = 20_000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}
