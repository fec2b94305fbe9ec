// What the security-case integration tests share (docs/security.md): a one-manager swarm on a lab
// engine, refusals read as AppErrors, the audit rows of one user, and sockets given scoped grants.
import { expect } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Grant } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import type { RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import type { SessionData } from '@/lib/realtime/server/socket-sessions.ts';
import { STREAMS_NAMESPACE } from '@/lib/realtime/stream-protocol.ts';
import { initSwarmSchema } from '@/lib/schemas/swarms.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { initSwarm } from '@/lib/services/swarms/init-swarm.ts';
import type { TestDeps } from './integration.ts';
import { auditLines } from './audit-rows.ts';
import { leaveAllSwarms, waitForFacts } from './swarm-lab.ts';

/** The error `work` fails with; the test fails if it succeeds or throws something else. */
export async function refusal(work: Promise<unknown>): Promise<AppError> {
  const outcome = await work.then(
    () => new Error('expected a refusal, but it succeeded'),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

/** The audit entries `actorId` caused, oldest first, as [action, result] (an entry with the outcome that settled it). */
export async function auditOf(deps: Pick<TestDeps, 'db'>, actorId: string): Promise<[string, string][]> {
  return (await auditLines(deps.db, { actorId })).map((r) => [r.action, r.result]);
}

/** `lab` registered by its socket and made the only manager of a new swarm, its facts caught up;
 * every lab engine named in `clear` leaves its swarm first. */
export async function oneManagerSwarm(deps: TestDeps, admin: Actor, lab: { name: string; socket: string; address: string }, clear: string[]) {
  await leaveAllSwarms(clear);
  const inventory = new Inventory({ ...deps, timing: { heartbeatMs: 1000, pingTimeoutMs: 1000, backoffBaseMs: 200, backoffCapMs: 1000 } });
  await inventory.start();
  const { id: hostId } = await registerHost(deps, admin, registerHostSchema.parse({ name: lab.name, transport: 'unix', socketPath: lab.socket }));
  const { swarmId } = await initSwarm(deps, admin, initSwarmSchema.parse({ hostId, name: 'security', advertiseAddr: lab.address }));
  await waitForFacts(deps.db, hostId, (f) => f.swarm.state === 'active' && f.swarm.role === 'manager', `${lab.name} as a manager`);
  return { hostId, swarmId, inventory };
}

/** Gives the server side of `userId`'s open /streams sockets these grants instead (scoped grants, as
 * teams will hand out), until their sessions are next re-checked. */
export function grantOnly(realtime: RealtimeServer, userId: string, grants: Grant[]): void {
  const sockets = [...realtime.io.of(STREAMS_NAMESPACE).sockets.values()].filter((s) => (s.data as SessionData).actor?.id === userId);
  expect(sockets.length).toBeGreaterThan(0);
  for (const socket of sockets) (socket.data as SessionData).actor.grants = grants;
}
