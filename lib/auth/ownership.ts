// Who may reach an owned object. What a user creates through Wharf records the team it was made
// for (and who made it); such an object is reachable through grants held by that team on a scope
// containing it, through grants on everything (administrators), and by its creator. An object
// "visible to all", or with no owner (made outside Wharf, or by someone in no team), is reachable
// by whoever holds a scope containing it. Pure: isAllowed() asks it for every grant it weighs, so
// doors and lists apply the same rule.
import type { Grant } from './permissions.ts';

/** The owner an object records: the team it was made for, who made it, and whether an
 * administrator made it visible to everyone who holds its scope. */
export type Owner = { team: string | null; creator?: string | null; everyone?: boolean };

/** Stands for "whoever owns it, not yet read": only grants on everything reach it. Doors use it to
 * skip reading an object's owner when the actor's grants reach it whoever owns it. */
export const UNREAD_OWNER: Owner = { team: '\u0000unread' };

/** Whether an object with this owner restricts who reaches it (an owning team, not visible to all). */
export const isRestricted = (owner: Owner | null | undefined): owner is Owner & { team: string } => !!owner && !owner.everyone && !!owner.team;

/**
 * Whether `grant` (held by `userId`, already known to cover the object's scope) may reach an
 * object with `owner`. Unowned and "visible to all" objects: any covering grant. Owned ones: a
 * grant on everything, a grant the owning team holds, or any grant of the object's creator.
 */
export function ownerAdmits(grant: Pick<Grant, 'scope' | 'from'>, owner: Owner | null | undefined, userId?: string | null): boolean {
  if (!isRestricted(owner)) return true;
  if (grant.scope.type === 'global') return true;
  if (owner === UNREAD_OWNER) return false;
  if (userId && owner.creator && owner.creator === userId) return true;
  return grant.from?.kind === 'team' && grant.from.teamId === owner.team;
}

/** The owner an administrator's move stands for. A moved object no longer names a creator (who made
 * it keeps no access the new team does not give). "Visible to all" keeps the team, so the object
 * can be made the team's alone again. */
export const ownerOfChoice = (choice: { teamId: string | null; everyone: boolean }): Owner | null =>
  choice.teamId ? { team: choice.teamId, ...(choice.everyone ? { everyone: true } : {}) } : null;
