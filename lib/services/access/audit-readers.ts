// Whose audit rows a user may read: everyone's with audit.view everywhere (administrators); else
// their own and those of the members of their teams.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { GLOBAL, isAllowed } from '@/lib/auth/permissions.ts';
import type { ServiceDeps } from '../deps.ts';

/** null: every row; else the actor ids whose rows may be listed. */
export async function readableAuditActors(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<string[] | null> {
  if (isAllowed(actor.grants, 'audit.view', GLOBAL)) return null;
  const teammates = await deps.db.teamMember.findMany({ where: { team: { members: { some: { userId: actor.id } } } }, select: { userId: true } });
  return [...new Set([actor.id, ...teammates.map((m) => m.userId)])];
}
