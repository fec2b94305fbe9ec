// The part of a directory sign-in after the directory said who the user is (an OIDC ID token, or
// an LDAP bind): find the Wharf user by the directory's stable id, or make one at the first sign-in
// (base role 'none': only teams give access), refuse to take over a Wharf account of the same name
// made another way, update the display name, synchronise the user's memberships of this source to
// the teams their groups map to (never touching 'local' ones), open a session and audit it.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { createSession } from '@/lib/auth/session-store.ts';
import { isUniqueViolation } from '@/lib/db/errors.ts';
import { mappedTeamIds, planTeamSync } from '@/lib/models/directory/directory-identity.ts';
import { directoryLabel, type DirectoryKind } from '@/lib/models/directory/directory-source.ts';
import type { ServiceDeps } from '../deps.ts';
import type { SignInErrorCode } from '@/lib/models/directory/sign-in-errors.ts';
import type { SignedIn } from '../users/sign-in-with-password.ts';

export type DirectoryIdentity = {
  source: DirectoryKind;
  /** The directory's stable name for the user: issuer + subject, or the entry's DN. */
  directoryId: string;
  /** The directory's username, already made a Wharf username (null when it cannot be one). */
  username: string | null;
  /** What the directory calls the user, for the audit log when the username is unusable. */
  claimedName: string;
  displayName: string | null;
  groups: string[];
};

/** A directory sign-in Wharf refuses, with the reason the sign-in page explains (lib/models/directory/sign-in-errors.ts). */
export class DirectoryRefusal extends AppError {
  constructor(
    readonly reason: SignInErrorCode,
    code: 'CONFLICT' | 'UNAUTHENTICATED',
    message: string,
  ) {
    super(code, message);
  }
}

export type DirectorySignedIn = SignedIn & { teams: string[] };
export type SignInRequest = { ip: string | null; userAgent: string | null };

/** Passwords of directory users are never checked by Wharf: this value is no Argon2 hash, so nothing matches it. */
export const NO_LOCAL_PASSWORD = '!directory';

export const nameTakenMessage = (source: DirectoryKind, username: string) =>
  `A Wharf account named "${username}" already exists and was not made by ${directoryLabel(source)}, so Wharf did not merge the two. Ask an administrator to rename or remove that Wharf account, or sign in with its Wharf password.`;
export const unusableNameMessage = (source: DirectoryKind) =>
  `Your username in ${directoryLabel(source)} cannot be a Wharf username (2–32 letters, digits, dots, dashes or underscores). Ask an administrator.`;
export const DISABLED_MESSAGE = 'Your Wharf account is disabled. Ask an administrator.';

async function findOrCreateUser(deps: Pick<ServiceDeps, 'db'>, identity: DirectoryIdentity & { username: string }) {
  const { db } = deps;
  const bySubject = await db.user.findUnique({ where: { source_directoryId: { source: identity.source, directoryId: identity.directoryId } } });
  if (bySubject) return { user: bySubject, created: false };
  const byName = await db.user.findUnique({ where: { username: identity.username } });
  if (byName) throw new DirectoryRefusal('DirectoryNameTaken', 'CONFLICT', nameTakenMessage(identity.source, identity.username));
  try {
    const user = await db.user.create({
      data: { username: identity.username, displayName: identity.displayName, passwordHash: NO_LOCAL_PASSWORD, role: 'none', source: identity.source, directoryId: identity.directoryId },
    });
    return { user, created: true };
  } catch (error) {
    if (isUniqueViolation(error)) throw new DirectoryRefusal('DirectoryNameTaken', 'CONFLICT', nameTakenMessage(identity.source, identity.username));
    throw error;
  }
}

/** Makes the user's memberships of this source the mapped teams; returns the names of the teams they are in afterwards. */
async function syncTeams(deps: Pick<ServiceDeps, 'db' | 'changes'>, userId: string, source: DirectoryKind, groups: string[]): Promise<string[]> {
  const { db } = deps;
  const changed = await db.$transaction(async (tx) => {
    const [mappings, current] = await Promise.all([
      tx.directoryGroupMapping.findMany({ where: { source }, select: { source: true, groupName: true, teamId: true } }),
      tx.teamMember.findMany({ where: { userId }, select: { teamId: true, source: true } }),
    ]);
    const plan = planTeamSync(current, source, mappedTeamIds(mappings, source, groups));
    if (plan.add.length) await tx.teamMember.createMany({ data: plan.add.map((teamId) => ({ teamId, userId, source })), skipDuplicates: true });
    if (plan.remove.length) await tx.teamMember.deleteMany({ where: { userId, source, teamId: { in: plan.remove } } });
    return plan.add.length + plan.remove.length > 0;
  });
  if (changed) deps.changes.publish({ type: 'user.access-changed', userId });
  const teams = await db.teamMember.findMany({ where: { userId }, select: { team: { select: { name: true } } }, orderBy: { team: { name: 'asc' } } });
  return teams.map((t) => t.team.name);
}

export async function completeDirectorySignIn(deps: Pick<ServiceDeps, 'db' | 'changes' | 'sessionHours'>, identity: DirectoryIdentity, request: SignInRequest): Promise<DirectorySignedIn> {
  const { db } = deps;
  const subject = { id: null, name: (identity.username ?? identity.claimedName).slice(0, 100) || '(empty)', ip: request.ip };
  const deny = async (message: string, error: AppError): Promise<never> => {
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: `${identity.source}: ${message}` });
    throw error;
  };
  if (!identity.username) return deny('unusable username', new DirectoryRefusal('DirectoryNameInvalid', 'UNAUTHENTICATED', unusableNameMessage(identity.source)));

  let found: Awaited<ReturnType<typeof findOrCreateUser>>;
  try {
    found = await findOrCreateUser(deps, { ...identity, username: identity.username });
  } catch (error) {
    if (error instanceof DirectoryRefusal) return deny('a Wharf account of that name exists (not merged)', error);
    throw error;
  }
  const { user } = found;
  if (user.disabled) return deny('account disabled', new DirectoryRefusal('DirectoryDisabled', 'UNAUTHENTICATED', DISABLED_MESSAGE));

  if (identity.displayName && identity.displayName !== user.displayName) {
    await db.user.update({ where: { id: user.id }, data: { displayName: identity.displayName.slice(0, 80) } });
  }
  const teams = await syncTeams(deps, user.id, identity.source, identity.groups);
  const session = await createSession(db, user.id, { hours: deps.sessionHours, ip: request.ip, userAgent: request.userAgent });
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAudit(db, {
    subject: { ...subject, id: user.id, name: user.username },
    action: 'auth.sign-in',
    target: { type: 'user', id: user.id, name: user.username },
    result: 'succeeded',
    message: `${identity.source}${found.created ? ', first sign-in (account made)' : ''}; teams: ${teams.length ? teams.join(', ') : 'none'}`,
  });
  return { userId: user.id, username: user.username, token: session.token, expiresAt: session.expiresAt, teams };
}
