// Who is acting: the signed-in user as every door and service sees them.
import type { Locale } from '@/lib/i18n/locales.ts';
import type { Grant, RoleKey } from './permissions.ts';

export type Actor = {
  id: string;
  username: string;
  role: RoleKey;
  grants: Grant[];
  sessionId: string;
  ip: string | null;
  /** Set when the actor came with an API token rather than a browser session: audit rows name it. */
  token?: { id: string; name: string };
  /** The language the user chose in their profile (none: the browser's decides). */
  locale?: Locale | null;
};

/** Who to record in the audit log when nobody is signed in (sign-in attempts, first-run setup). */
export type AuditSubject = { id: string | null; name: string; ip: string | null };

/** How an actor is named in the audit log: the user, and the API token when they used one. */
export const actorName = (actor: Pick<Actor, 'username' | 'token'>): string => (actor.token ? `${actor.username} (token ${actor.token.name})` : actor.username);

export const subjectOf = (actor: Actor): AuditSubject => ({ id: actor.id, name: actorName(actor), ip: actor.ip });
