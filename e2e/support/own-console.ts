// For specs that run consoles of their own (replica processes on a database of their own): the
// database seeded with one administrator and one lab engine as a host, and a container on that
// engine writing a numbered line a second, whose logs the browser follows.
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { hashPassword } from '@/lib/auth/password.ts';
import type { Db } from '@/lib/db/client.ts';
import { lab } from './fixtures.ts';

/** An administrator who signs in with `account`, and the engine at `socket` registered as `hostName`: the host's id. */
export async function seedAdminAndHost(db: Db, account: { username: string; password: string }, hostName: string, socket: string): Promise<string> {
  await db.user.create({ data: { username: account.username, passwordHash: await hashPassword(account.password), role: 'admin' } });
  return (await db.host.create({ data: { name: hostName, transport: 'unix', address: socket, status: 'unknown' } })).id;
}

/** A started container writing `tick N` every second, labelled `wharf.test=<label>`: its id. */
export async function startTickingContainer(engine: Dockerode, label: string): Promise<string> {
  const container = await engine.createContainer({
    Image: lab().image,
    name: `wharf-e2e-${label}-${randomBytes(3).toString('hex')}`,
    Cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done'],
    Labels: { 'wharf.test': label },
    StopTimeout: 1,
  });
  await container.start();
  return container.id;
}

/** The test Postgres server's URL (set by the suite runner), on which such a spec makes its own database. */
export function testPgUrl(): string {
  const url = process.env.WHARF_TEST_PG_URL;
  if (!url) throw new Error('WHARF_TEST_PG_URL is not set: run the end-to-end tests through `npm test -- --only e2e`');
  return url;
}
