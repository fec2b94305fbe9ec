// The runtime: the one owner of long-lived state (database client, keys, engine clients,
// watchers, change feed), created by server.ts at start. Next.js bundles server actions and
// route handlers separately from server.ts, so they reach the runtime through getRuntime(),
// which reads the single handle server.ts installed.
import 'server-only';
import type { WharfConfig } from '@/lib/config/env.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import type { ProvisionDrivers } from '@/lib/services/hosts/provision/provision-context.ts';
import type { ProvisionRunner } from '@/lib/services/hosts/provision/provision-runner.ts';
import type { ProbeBudget } from '@/lib/services/hosts/probe-budget.ts';
import type { SetupGate } from '@/lib/services/users/setup-gate.ts';
import type { AccessCache } from '@/lib/auth/access-cache.ts';
import type { AuditForwarder } from '@/lib/services/audit/forwarding/audit-forwarder.ts';
import type { Leadership } from './leadership.ts';
import type { ReplicaPresence } from './replica-presence.ts';

export type WharfRuntime = ServiceDeps & {
  config: WharfConfig;
  inventory: Inventory;
  authSecret: string;
  /** Runs provisioning jobs (lib/services/hosts/provision). */
  provisioner: ProvisionRunner;
  /** The machine drivers: generic (SSH), local, digitalocean. */
  drivers: ProvisionDrivers;
  /** Forwards audit entries to the configured destinations (lib/services/audit/forwarding), on the replica leading it: reset and wake do nothing elsewhere. */
  auditForwarder: Pick<AuditForwarder, 'reset' | 'wake'>;
  /** This console process among the replicas sharing the database: its id and heartbeat. */
  replica: ReplicaPresence;
  /** The roles this replica leads (host watching, workers that must not run twice). */
  leadership: Leadership;
  /** The console's data folder (the local driver keeps its machines there). */
  dataDir: string;
  /** The database's URL (DATABASE_URL, or the own Postgres's): what a backup reads. */
  databaseUrl: string;
  /** How many connection tests each user may still run (lib/services/hosts/test-host-connection.ts). */
  probes: ProbeBudget;
  /** First-run setup's token and Host rule (lib/services/users/setup-gate.ts). */
  setup: SetupGate;
  /** Users' grants kept between requests under their access version, and when sessions and tokens last had their use written (lib/auth/access-cache.ts). */
  access: AccessCache;
};

const HANDLE = Symbol.for('wharf.runtime');
type Holder = { [HANDLE]?: WharfRuntime };

export function installRuntime(runtime: WharfRuntime | undefined): void {
  (globalThis as Holder)[HANDLE] = runtime;
}

export function getRuntime(): WharfRuntime {
  const runtime = (globalThis as Holder)[HANDLE];
  if (!runtime) throw new Error('Wharf is not started: run it through server.ts (npm start), not `next start`.');
  return runtime;
}
