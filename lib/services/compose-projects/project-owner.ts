// Who owns a Compose project Wharf keeps: its row says it (a container's labels cannot change, so
// an administrator's move is a change of the row), and its containers are owned as it is. Projects
// made with the Compose CLI have no row, hence no owner.
import 'server-only';
import type { Owner } from '@/lib/auth/ownership.ts';
import type { Db } from '@/lib/db/client.ts';

type OwnerColumns = { ownerTeamId: string | null; ownerCreatorId: string | null; ownerEveryone: boolean };

export const ownerOfProjectRow = (row: OwnerColumns): Owner | undefined =>
  row.ownerTeamId ? { team: row.ownerTeamId, ...(row.ownerCreatorId ? { creator: row.ownerCreatorId } : {}), ...(row.ownerEveryone ? { everyone: true } : {}) } : undefined;

export const columnsOfOwner = (owner: Owner | null): OwnerColumns => ({ ownerTeamId: owner?.team ?? null, ownerCreatorId: owner?.creator ?? null, ownerEveryone: !!owner?.everyone });

const keyOf = (hostId: string, name: string) => `${hostId}\u0000${name}`;

/** The owners of the stored projects on these hosts, by host and name; read once per list. */
export async function projectOwners(db: Db, hostIds: readonly string[]): Promise<(hostId: string, name: string | undefined) => Owner | undefined> {
  const rows = hostIds.length ? await db.composeProject.findMany({ where: { hostId: { in: [...hostIds] }, ownerTeamId: { not: null } }, select: { hostId: true, name: true, ownerTeamId: true, ownerCreatorId: true, ownerEveryone: true } }) : [];
  const owners = new Map(rows.map((r) => [keyOf(r.hostId, r.name), ownerOfProjectRow(r)]));
  return (hostId, name) => (name ? owners.get(keyOf(hostId, name)) : undefined);
}
