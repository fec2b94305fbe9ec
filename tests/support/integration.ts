// What an integration test file needs: a fresh database, the service dependencies built on it,
// the lab's state, and helpers to seed users. Real parts only.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type Dockerode from 'dockerode';
import { inject } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AccessCache } from '@/lib/auth/access-cache.ts';
import { hashPassword } from '@/lib/auth/password.ts';
import { grantsForUser, type RoleKey } from '@/lib/auth/permissions.ts';
import { makeKeyring } from '@/lib/crypto/secret-box.ts';
import { createDb, type Db } from '@/lib/db/client.ts';
import { ChangeFeed } from '@/lib/events/change-feed.ts';
import { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import { definePullQueue, type PullQueue } from '@/lib/services/containers/pull-queue.ts';
import { defineNotificationQueue, type NotificationQueue, type NotificationSendOptions } from '@/lib/services/notifications/notification-queue.ts';
import { defineGitCheckQueue, type GitCheckOptions, type GitCheckQueue } from '@/lib/services/stacks/git/git-check-queue.ts';
import { JobQueue } from '@/lib/jobs/job-queue.ts';
import { defineDeployQueue, type DeployQueue } from '@/lib/services/stacks/deploy-queue.ts';
import { log } from '@/lib/observability/logger.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { createProvisionDrivers } from '@/lib/services/hosts/drivers/provision-drivers.ts';
import type { ProvisionDrivers } from '@/lib/services/hosts/provision/provision-context.ts';
import type { LabState } from '@/scripts/lab/index.ts';
import { freshDatabase } from './test-postgres.ts';

/** The service parts, with the machine drivers (changes of a user's access rotate the CAs of their CLI bundles' hosts). */
export type TestDeps = ServiceDeps & { pulls: PullQueue; deploys: DeployQueue; notices: NotificationQueue; gitChecks: GitCheckQueue; jobs: JobQueue; drivers: ProvisionDrivers; databaseUrl: string; access: AccessCache; close: () => Promise<void> };

export function labState(): LabState {
  return JSON.parse(readFileSync(inject('labStatePath'), 'utf8')) as LabState;
}

/**
 * How the test's job queue sends notifications and checks git sources. `gitChecks: false`: no check
 * is sent to the queue (a file that checks its sources itself, each at the moment it chooses).
 */
export type TestDepsOptions = { notifications?: NotificationSendOptions; gitChecks?: GitCheckOptions | false; work?: boolean; replicaId?: string };

export async function createTestDeps(name: string, options: TestDepsOptions = {}): Promise<TestDeps> {
  const databaseUrl = await freshDatabase(inject('pgUrl'), `it_${name}`);
  const db = createDb(databaseUrl);
  const keyring = makeKeyring(randomBytes(32));
  const changes = new ChangeFeed();
  const engines = new EngineClients({ db, keyring, changes });
  // Pulls, stack deploys, notifications and git checks go through the job queue as in the console; its pg-boss schema is made on the first job.
  const jobs = new JobQueue({ databaseUrl, replicaId: options.replicaId ?? `test-${name}-${randomBytes(3).toString('hex')}`, log: log('test'), work: options.work });
  const pulls = definePullQueue({ db, engines, keyring }, jobs);
  const notices = defineNotificationQueue({ db, keyring }, jobs, options.notifications);
  const deploys = defineDeployQueue({ db, engines, keyring, notices }, jobs);
  const queued = options.gitChecks === false ? null : defineGitCheckQueue({ db, engines, keyring, deploys, notices }, jobs, options.gitChecks);
  const gitChecks: GitCheckQueue = queued ?? { schedule: async () => {}, unschedule: async () => {}, sweep: async () => 0 };
  return {
    db, keyring, changes, engines, pulls, deploys, notices, gitChecks, jobs, sessionHours: 12, cliBundleDays: 30, drivers: createProvisionDrivers({ db, keyring }), databaseUrl, access: new AccessCache(db),
    async close() {
      await jobs.stop();
      engines.close();
      await db.$disconnect();
    },
  };
}

export async function seedUser(db: Db, role: RoleKey, username = `${role}-${randomBytes(3).toString('hex')}`, password = 'correct horse battery'): Promise<{ id: string; username: string; password: string; actor: Actor }> {
  const user = await db.user.create({ data: { username, passwordHash: await hashPassword(password), role } });
  return { id: user.id, username, password, actor: { id: user.id, username, role, grants: grantsForUser(user), sessionId: 'test-session', ip: '127.0.0.1' } };
}

/** An inventory (not started) that sees an engine come, go or change within about a second, where the console's own timing waits longer. */
export const quickInventory = (deps: ServiceDeps) => new Inventory({ ...deps, timing: { heartbeatMs: 1000, pingTimeoutMs: 1000, backoffBaseMs: 200, backoffCapMs: 1000 } });

/** Registers a lab engine as a host through its unix socket, named after the engine unless `name` says otherwise: the host's id. */
export async function registerLabHost(deps: Pick<ServiceDeps, 'db' | 'keyring' | 'changes'>, actor: Actor, engine: { name: string; socket: string }, name = engine.name): Promise<string> {
  return (await registerHost(deps, actor, registerHostSchema.parse({ name, transport: 'unix', socketPath: engine.socket }))).id;
}

export const readPem = (path: string) => readFileSync(path, 'utf8');

/** Force-removes the containers on an engine that a test file labelled wharf.test=<value>. */
export async function removeTestContainers(docker: Dockerode, value: string): Promise<void> {
  for (const c of await docker.listContainers({ all: true, filters: { label: [`wharf.test=${value}`] } })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

/**
 * What a test file makes on one engine, all labelled wharf.test=<value> (`labels`): `start` runs a
 * container of the lab's image, `removeAll` force-removes the file's containers (before and after it).
 */
export class TestContainers {
  readonly labels: Record<string, string>;

  constructor(
    readonly docker: Dockerode,
    private readonly value: string,
    private readonly image: string,
  ) {
    this.labels = { 'wharf.test': value };
  }

  /** A started container named wharf-<name>-<random> running `cmd`, quick to stop. */
  async start(name: string, cmd: string[]): Promise<Dockerode.Container> {
    const container = await this.docker.createContainer({ Image: this.image, name: `wharf-${name}-${randomBytes(3).toString('hex')}`, Cmd: cmd, Labels: this.labels, StopTimeout: 1 });
    await container.start();
    return container;
  }

  removeAll(): Promise<void> {
    return removeTestContainers(this.docker, this.value);
  }
}
