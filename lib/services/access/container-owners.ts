// Who owns each container on some hosts, read once for a list or a door: a swarm task's container
// by its labels (written with its service's), a Compose project's as the project's row says, a
// standalone container by the row an administrator's move left (a container's labels cannot
// change) or else its labels.
import 'server-only';
import type { Owner } from '@/lib/auth/ownership.ts';
import type { Db } from '@/lib/db/client.ts';
import { isSwarmTask, ownerOfLabels, PROJECT_LABEL } from '@/lib/models/access/containment.ts';
import { projectOwners } from '../compose-projects/project-owner.ts';

type Labels = Record<string, string> | null | undefined;
/** null: the container has no owner (whatever its labels say). */
export type OwnerOfContainer = (hostId: string, container: { id: string; labels: Labels }) => Owner | null;

const keyOf = (hostId: string, containerId: string) => `${hostId}\u0000${containerId}`;

export async function containerOwners(db: Db, hostIds: readonly string[], containerIds?: readonly string[]): Promise<OwnerOfContainer> {
  const [project, moved] = await Promise.all([
    projectOwners(db, hostIds),
    hostIds.length ? db.containerOwner.findMany({ where: { hostId: { in: [...hostIds] }, ...(containerIds ? { containerId: { in: [...containerIds] } } : {}) } }) : [],
  ]);
  const rows = new Map(moved.map((r) => [keyOf(r.hostId, r.containerId), r]));
  return (hostId, { id, labels }) => {
    if (isSwarmTask(labels)) return ownerOfLabels(labels) ?? null;
    if (labels?.[PROJECT_LABEL]) return project(hostId, labels[PROJECT_LABEL]) ?? null;
    const row = rows.get(keyOf(hostId, id));
    if (row) return row.ownerTeamId ? { team: row.ownerTeamId, ...(row.ownerEveryone ? { everyone: true } : {}) } : null;
    return ownerOfLabels(labels) ?? null;
  };
}
