// What an integration test file needs: a fresh database, the service dependencies built on it,
// the lab's state, and helpers to seed users. Real parts only.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type Dockerode from 'dockerode';
import { inject } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { hashPassword } from '@/lib/auth/password.ts';
import { grantsForUser, type RoleKey } from '@/lib/auth/permissions.ts';
import { makeKeyring } from '@/lib/crypto/secret-box.ts';
import { createDb, type Db } from '@/lib/db/client.ts';
import { ChangeFeed } from '@/lib/events/change-feed.ts';
import { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { createProvisionDrivers } from '@/lib/services/hosts/drivers/provision-drivers.ts';
import type { ProvisionDrivers } from '@/lib/services/hosts/provision/provision-context.ts';
import type { LabState } from '@/scripts/lab/index.ts';
import { freshDatabase } from './test-postgres.ts';

/** The service parts, with the machine drivers (changes of a user's access rotate the CAs of their CLI bundles' hosts). */
export type TestDeps = ServiceDeps & { drivers: ProvisionDrivers; databaseUrl: string; close: () => Promise<void> };

export function labState(): LabState {
  return JSON.parse(readFileSync(inject('labStatePath'), 'utf8')) as LabState;
}

export async function createTestDeps(name: string): Promise<TestDeps> {
  const databaseUrl = await freshDatabase(inject('pgUrl'), `it_${name}`);
  const db = createDb(databaseUrl);
  const keyring = makeKeyring(randomBytes(32));
  const changes = new ChangeFeed();
  const engines = new EngineClients({ db, keyring, changes });
  return {
    db, keyring, changes, engines, sessionHours: 12, cliBundleDays: 30, drivers: createProvisionDrivers({ db, keyring }), databaseUrl,
    async close() {
      engines.close();
      await db.$disconnect();
    },
  };
}

export async function seedUser(db: Db, role: RoleKey, username = `${role}-${randomBytes(3).toString('hex')}`, password = 'correct horse battery'): Promise<{ id: string; username: string; password: string; actor: Actor }> {
  const user = await db.user.create({ data: { username, passwordHash: await hashPassword(password), role } });
  return { id: user.id, username, password, actor: { id: user.id, username, role, grants: grantsForUser(user), sessionId: 'test-session', ip: '127.0.0.1' } };
}

export const readPem = (path: string) => readFileSync(path, 'utf8');

/** Force-removes the containers on an engine that a test file labelled wharf.test=<value>. */
export async function removeTestContainers(docker: Dockerode, value: string): Promise<void> {
  for (const c of await docker.listContainers({ all: true, filters: { label: [`wharf.test=${value}`] } })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
}
