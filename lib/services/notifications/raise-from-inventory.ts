// Raises the events the inventory sees: a host that was up and became unreachable, a container that
// died (its exit code, and its stack when it is a task), and a swarm node a manager reports down.
// Subscribed to the inventory by the runtime; raising never waits on or disturbs the watchers.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import type { EventScope } from '@/lib/models/notifications/notifications.ts';
import type { EngineEvent } from '../inventory/engine-events.ts';
import type { InventoryUpdate } from '../inventory/host-watcher.ts';
import { notify } from './raise-notification.ts';

type Deps = { db: Db };

/** The host's name and the swarm it is in (read from its facts). */
async function hostScope(deps: Deps, hostId: string): Promise<EventScope> {
  const host = await deps.db.host.findUnique({ where: { id: hostId }, select: { name: true, facts: true } });
  const swarmId = (host?.facts as { swarm?: { clusterId?: string | null } } | null)?.swarm?.clusterId ?? undefined;
  return { hostId, ...(host ? { hostName: host.name } : {}), ...(swarmId ? { swarmId } : {}) };
}

const whenOf = (event: EngineEvent) => new Date(Number(BigInt(event.timeNano) / 1_000_000n) || Date.now()).toISOString();

async function raiseFor(deps: Deps, update: InventoryUpdate): Promise<void> {
  if (update.kind === 'status') {
    if (update.status !== 'unreachable' || update.previous !== 'up') return;
    const scope = await hostScope(deps, update.hostId);
    notify(deps, { event: 'host.unreachable', at: update.since, title: `Host ${scope.hostName ?? update.hostId} is unreachable`, text: update.reason ?? '', scope });
    return;
  }
  if (update.kind !== 'event') return;
  const { event } = update;
  if (event.type === 'container' && event.action === 'die') {
    const scope = await hostScope(deps, update.hostId);
    const stackName = event.attributes?.['com.docker.stack.namespace'];
    const exit = event.attributes?.exitCode;
    notify(deps, {
      event: 'container.died',
      at: whenOf(event),
      title: `Container ${event.name ?? event.id.slice(0, 12)} died${exit !== undefined ? ` (exit code ${exit})` : ''}`,
      text: `On host ${scope.hostName ?? update.hostId}.`,
      scope: { ...scope, ...(stackName ? { stackName } : {}) },
    });
    return;
  }
  if (event.type === 'node' && event.action === 'update' && event.attributes?.['state.new'] === 'down' && event.attributes['state.old'] !== 'down') {
    const { swarmId } = await hostScope(deps, update.hostId);
    if (!swarmId) return;
    // Every manager reports the change, stamped with the node object's own update time (the same on
    // all of them): the swarm's channels hear of it once.
    notify(deps, { event: 'node.down', at: whenOf(event), title: `Node ${event.name ?? event.id} is down`, text: `Its state went from ${event.attributes['state.old'] ?? 'unknown'} to down.`, scope: { swarmId } }, { dedupeKey: `node.down:${swarmId}:${event.id}:${event.timeNano}` });
  }
}

/** Subscribes to the inventory's updates; answers the unsubscribe. */
export function raiseFromInventory(deps: Deps, inventory: { onUpdate(listener: (update: InventoryUpdate) => void): () => void }): () => void {
  return inventory.onUpdate((update) => {
    if (update.kind === 'facts') return;
    void raiseFor(deps, update).catch((error: unknown) => console.error('[notifications] could not read what an inventory update concerns:', (error as Error).message));
  });
}
