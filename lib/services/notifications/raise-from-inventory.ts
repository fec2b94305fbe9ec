// Raises the events the inventory sees: a host that was up and became unreachable, a container that
// died (its exit code, and its stack when it is a task), and a swarm node a manager reports down.
// Subscribed to the inventory by the runtime; raising never waits on or disturbs the watchers.
// What an update means (`noticeOf`) is pure; reading the host's name and swarm is not.
import 'server-only';
import type { ServiceDeps } from '../deps.ts';
import type { EventScope, NotificationEvent } from '@/lib/models/notifications/notifications.ts';
import type { EngineEvent } from '../inventory/engine-events.ts';
import type { InventoryUpdate } from '../inventory/host-watcher.ts';
import { notify } from './raise-notification.ts';
import { log } from '@/lib/observability/logger.ts';

type Deps = Pick<ServiceDeps, 'db' | 'notices'>;

export type Notice = { event: NotificationEvent; dedupeKey?: string };

const whenOf = (event: EngineEvent) => new Date(Number(BigInt(event.timeNano) / 1_000_000n) || Date.now()).toISOString();

/** Whether an update is worth reading the host for (most events are not). */
export function mayNotify(update: InventoryUpdate): boolean {
  if (update.kind === 'status') return update.status === 'unreachable' && update.previous === 'up';
  if (update.kind !== 'event') return false;
  const { event } = update;
  if (event.type === 'container') return event.action === 'die';
  return event.type === 'node' && event.action === 'update' && event.attributes?.['state.new'] === 'down' && event.attributes['state.old'] !== 'down';
}

/** The notification an inventory update raises, given the scope of its host (name, swarm), or null. Pure. */
export function noticeOf(update: InventoryUpdate, host: EventScope): Notice | null {
  if (!mayNotify(update)) return null;
  const hostName = host.hostName ?? update.hostId;
  if (update.kind === 'status') {
    return { event: { event: 'host.unreachable', at: update.since, title: `Host ${hostName} is unreachable`, text: update.reason ?? '', scope: host } };
  }
  if (update.kind !== 'event') return null;
  const { event } = update;
  if (event.type === 'container') {
    const stackName = event.attributes?.['com.docker.stack.namespace'];
    const exit = event.attributes?.exitCode;
    return {
      event: {
        event: 'container.died',
        at: whenOf(event),
        title: `Container ${event.name ?? event.id.slice(0, 12)} died${exit !== undefined ? ` (exit code ${exit})` : ''}`,
        text: `On host ${hostName}.`,
        scope: { ...host, ...(stackName ? { stackName } : {}) },
      },
    };
  }
  if (!host.swarmId) return null;
  // Every manager reports the change, stamped with the node object's own update time (the same on
  // all of them): the swarm's channels hear of it once.
  return {
    event: { event: 'node.down', at: whenOf(event), title: `Node ${event.name ?? event.id} is down`, text: `Its state went from ${event.attributes?.['state.old'] ?? 'unknown'} to down.`, scope: { swarmId: host.swarmId } },
    dedupeKey: `node.down:${host.swarmId}:${event.id}:${event.timeNano}`,
  };
}

/** The host's name and the swarm it is in (read from its facts). */
async function hostScope(deps: Deps, hostId: string): Promise<EventScope> {
  const host = await deps.db.host.findUnique({ where: { id: hostId }, select: { name: true, facts: true } });
  const swarmId = (host?.facts as { swarm?: { clusterId?: string | null } } | null)?.swarm?.clusterId ?? undefined;
  return { hostId, ...(host ? { hostName: host.name } : {}), ...(swarmId ? { swarmId } : {}) };
}

/** Subscribes to the inventory's updates; answers the unsubscribe. */
export function raiseFromInventory(deps: Deps, inventory: { onUpdate(listener: (update: InventoryUpdate) => void): () => void }): () => void {
  return inventory.onUpdate((update) => {
    if (!mayNotify(update)) return;
    void hostScope(deps, update.hostId)
      .then((host) => {
        const notice = noticeOf(update, host);
        if (notice) notify(deps, notice.event, { dedupeKey: notice.dedupeKey });
      })
      .catch((error: unknown) => log('notifications').error({ err: error }, 'could not read what an inventory update concerns'));
  });
}
