// Swarm helpers for tests: make sure lab engines are out of any swarm, and wait for the facts
// the inventory keeps to catch up with a membership change.
import Dockerode from 'dockerode';
import type { Db } from '@/lib/db/client.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import { waitFor } from './wait-for.ts';

export async function leaveAllSwarms(sockets: string[]): Promise<void> {
  await Promise.all(
    sockets.map(async (socketPath) => {
      const docker = new Dockerode({ socketPath });
      await docker.swarmLeave({ force: true }).catch(() => {});
      await waitFor(async () => ((await docker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState === 'inactive', { timeoutMs: 20_000, what: `${socketPath} to leave its swarm` });
    }),
  );
}

/** Waits until the host's stored facts have it as a manager of an active swarm; `name` says which host in a timeout. */
export function waitForManagerFacts(db: Db, hostId: string, name: string) {
  return waitForFacts(db, hostId, (f) => f.swarm.state === 'active' && f.swarm.role === 'manager', `${name} manager facts`);
}

/** Waits until the host's stored facts satisfy `match` (the inventory refreshes them). */
export function waitForFacts(db: Db, hostId: string, match: (facts: EngineFacts) => boolean, what: string) {
  return waitFor(async () => {
    const row = await db.host.findUnique({ where: { id: hostId }, select: { facts: true } });
    return row?.facts && match(row.facts as unknown as EngineFacts);
  }, { timeoutMs: 20_000, what });
}
