// Administrators' changes to users: create, change role, disable/enable, reset password.
// Wharf never ends up without an enabled administrator, and access changes reach open
// sessions and sockets at once (sessions re-read the user; sockets are told to re-check), and
// the user's docker CLI bundles: disabling a user, or a role that no longer allows unrestricted
// workloads on a host, revokes their bundles for it (by rotating that host's CA).
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { hashPassword } from '@/lib/auth/password.ts';
import { grantsForUser, isAllowed, type RoleKey } from '@/lib/auth/permissions.ts';
import { GRANT_ROWS_INCLUDE, grantsOfRows } from '@/lib/auth/grant-rows.ts';
import type { BundleRevocation } from '@/lib/models/hosts/cli-bundles.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import type { CreateUserInput } from '@/lib/schemas/users.ts';
import type { Db } from '@/lib/db/client.ts';
import type { ServiceDeps } from '../deps.ts';
import type { LifecycleDeps } from '../hosts/lifecycle/lifecycle-deps.ts';
import { revokeBundlesOfUser } from '../hosts/lifecycle/revoke-cli-bundles.ts';

type Deps = Pick<ServiceDeps, 'db' | 'changes'>;
/** What a change of access needs: the hosts' drivers, to rotate the CAs of the user's bundles. */
type AccessDeps = Deps & LifecycleDeps;

/** What became of the user's docker CLI bundles after a change of access. */
export type AccessChange = { bundles: BundleRevocation };

const revocationOnly = ({ rotated, failed }: BundleRevocation): AccessChange => ({ bundles: { rotated, failed } });
type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const ADMIN_LOCK = 7_431_902_120;

async function findUser(db: Db | Tx, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('NOT_FOUND', msg('users.errors.notFound'));
  return user;
}

/** Runs `change` while no other admin-affecting change can run, and refuses it if it would leave no enabled admin. */
async function keepingAnAdmin(db: Db, change: (tx: Tx) => Promise<void>): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
    await change(tx);
    const admins = await tx.user.count({ where: { role: 'admin', disabled: false } });
    if (admins === 0) {
      throw new AppError('PRECONDITION', msg('users.errors.lastAdministrator'));
    }
  });
}

export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<{ id: string; username: string }> {
  const passwordHash = await hashPassword(input.password);
  return audited(deps.db, subjectOf(actor), 'user.create', { type: 'user', name: input.username }, async () => {
    return onUniqueViolation(
      () =>
        deps.db.user.create({
          data: { username: input.username, displayName: input.displayName ?? null, passwordHash, role: input.role },
          select: { id: true, username: true },
        }),
      () => new AppError('CONFLICT', msg('users.errors.nameTaken', { username: input.username }), { fieldErrors: { username: [issueText('users.errors.usernameTaken')] } }),
    );
  }, (user) => ({ id: user.id }));
}

export async function changeUserRole(deps: AccessDeps, actor: Actor, userId: string, role: RoleKey): Promise<AccessChange> {
  const user = await findUser(deps.db, userId);
  await audited(deps.db, subjectOf(actor), 'user.change-role', { type: 'user', id: user.id, name: user.username }, async () => {
    await keepingAnAdmin(deps.db, async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { role } });
    });
  });
  deps.changes.publish({ type: 'user.access-changed', userId });
  // What they hold now: the new base role and the grants they and their teams have.
  const rows = await deps.db.user.findUnique({ where: { id: userId }, include: GRANT_ROWS_INCLUDE });
  const grants = grantsForUser({ role }, rows ? grantsOfRows(rows) : []);
  const mayHold = (hostId: string) => !user.disabled && isAllowed(grants, 'workload.unrestricted', { type: 'host', id: hostId });
  return revocationOnly(await revokeBundlesOfUser(deps, actor, user, mayHold, msg('guardText.why.roleChanged', { actor: actor.username, user: user.username, role })));
}

export async function setUserDisabled(deps: AccessDeps, actor: Actor, userId: string, disabled: boolean): Promise<AccessChange> {
  if (disabled && userId === actor.id) throw new AppError('PRECONDITION', msg('users.errors.disableSelf'));
  const user = await findUser(deps.db, userId);
  await audited(deps.db, subjectOf(actor), disabled ? 'user.disable' : 'user.enable', { type: 'user', id: user.id, name: user.username }, async () => {
    await keepingAnAdmin(deps.db, async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { disabled } });
      if (disabled) await tx.session.deleteMany({ where: { userId } });
    });
  });
  deps.changes.publish({ type: 'user.access-changed', userId });
  if (!disabled) return { bundles: { rotated: [], failed: [] } };
  return revocationOnly(await revokeBundlesOfUser(deps, actor, user, () => false, msg('guardText.why.disabled', { actor: actor.username, user: user.username })));
}

export async function resetUserPassword(deps: Deps, actor: Actor, userId: string, password: string): Promise<void> {
  const user = await findUser(deps.db, userId);
  const passwordHash = await hashPassword(password);
  await audited(deps.db, subjectOf(actor), 'user.reset-password', { type: 'user', id: user.id, name: user.username }, async () => {
    await deps.db.$transaction([
      deps.db.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } }),
      // Everyone signed in as this user must sign in again with the new password, except the
      // administrator's own current session when they reset their own password.
      deps.db.session.deleteMany({ where: { userId, ...(userId === actor.id ? { id: { not: actor.sessionId } } : {}) } }),
    ]);
  });
  deps.changes.publish({ type: 'user.access-changed', userId });
}
