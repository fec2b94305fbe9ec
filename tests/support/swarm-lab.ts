// Swarm helpers for tests: make sure lab engines are out of any swarm, and wait for the facts
// the inventory keeps to catch up with a membership change.
import type { Actor } from '@/lib/auth/actor.ts';
import type { Db } from '@/lib/db/client.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import { initSwarmSchema } from '@/lib/schemas/swarms.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { initSwarm } from '@/lib/services/swarms/init-swarm.ts';
import { joinHost } from '@/lib/services/swarms/join-host.ts';
import { createTestDeps, quickInventory, registerLabHost, seedUser, type TestDeps } from './integration.ts';
import { waitFor } from './wait-for.ts';
import { leaveSwarmForcibly } from '@/scripts/lab/index.ts';

/** Every engine out of its swarm (a wedged one restarted by the lab: `leaveSwarmForcibly`). */
export async function leaveAllSwarms(sockets: string[]): Promise<void> {
  await Promise.all(sockets.map((socketPath) => leaveSwarmForcibly(socketPath)));
}

/** Waits until the host's stored facts have it as a manager of an active swarm; `name` says which host in a timeout. */
export function waitForManagerFacts(db: Db, hostId: string, name: string) {
  return waitForFacts(db, hostId, (f) => f.swarm.state === 'active' && f.swarm.role === 'manager', `${name} manager facts`);
}

/** A registered lab host: its id in Wharf, and the engine's name and address in the lab. */
export type LabMember = { hostId: string; engine: { name: string; address: string } };

/**
 * Makes swarm `name` of registered lab hosts: the first creates it (advertising its lab address) and
 * is waited for until its facts say manager, then each of the others joins as a worker. Its id.
 */
export async function formSwarm(deps: ServiceDeps, actor: Actor, name: string, [manager, ...workers]: LabMember[]): Promise<string> {
  const { swarmId } = await initSwarm(deps, actor, initSwarmSchema.parse({ hostId: manager.hostId, name, advertiseAddr: manager.engine.address }));
  await waitForManagerFacts(deps.db, manager.hostId, manager.engine.name);
  for (const worker of workers) await joinHost(deps, actor, { swarmId, hostId: worker.hostId, role: 'worker', advertiseAddr: worker.engine.address });
  return swarmId;
}

export type SwarmTestBed = { deps: TestDeps; inventory: Inventory; admin: Actor; operator: Actor; swarmId: string };

/**
 * What a test file about one swarm of lab engines starts from: a fresh database `database` with an
 * administrator and an operator, a started quickInventory, and `engines` registered (by the
 * administrator) and formed into swarm `name`. What it made is closed again if a step fails.
 */
export async function swarmTestBed(database: string, name: string, engines: { name: string; socket: string; address: string }[]): Promise<SwarmTestBed> {
  const deps = await createTestDeps(database);
  const inventory = quickInventory(deps);
  try {
    await inventory.start();
    const admin = (await seedUser(deps.db, 'admin')).actor;
    const operator = (await seedUser(deps.db, 'operator')).actor;
    const members: LabMember[] = [];
    for (const engine of engines) members.push({ hostId: await registerLabHost(deps, admin, engine), engine });
    return { deps, inventory, admin, operator, swarmId: await formSwarm(deps, admin, name, members) };
  } catch (error) {
    inventory.stop();
    await deps.close();
    throw error;
  }
}

/** Waits until the host's stored facts satisfy `match` (the inventory refreshes them). */
export function waitForFacts(db: Db, hostId: string, match: (facts: EngineFacts) => boolean, what: string) {
  return waitFor(async () => {
    const row = await db.host.findUnique({ where: { id: hostId }, select: { facts: true } });
    return row?.facts && match(row.facts as unknown as EngineFacts);
  }, { timeoutMs: 20_000, what });
}
