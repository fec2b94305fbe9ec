// Administrators' changes to users: create, change role, disable/enable, reset password.
// Wharf never ends up without an enabled administrator, and access changes reach open
// sessions and sockets at once (sessions re-read the user; sockets are told to re-check).
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { hashPassword } from '@/lib/auth/password.ts';
import type { RoleKey } from '@/lib/auth/permissions.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import type { CreateUserInput } from '@/lib/schemas/users.ts';
import type { Db } from '@/lib/db/client.ts';
import type { ServiceDeps } from '../deps.ts';

type Deps = Pick<ServiceDeps, 'db' | 'changes'>;
type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const ADMIN_LOCK = 7_431_902_120;

async function findUser(db: Db | Tx, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('NOT_FOUND', 'That user does not exist.');
  return user;
}

/** Runs `change` while no other admin-affecting change can run, and refuses it if it would leave no enabled admin. */
async function keepingAnAdmin(db: Db, change: (tx: Tx) => Promise<void>): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
    await change(tx);
    const admins = await tx.user.count({ where: { role: 'admin', disabled: false } });
    if (admins === 0) {
      throw new AppError('PRECONDITION', 'This would leave Wharf without an enabled administrator. Make someone else an administrator first.');
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
      () => new AppError('CONFLICT', `A user named "${input.username}" already exists.`, { fieldErrors: { username: ['This username is taken.'] } }),
    );
  }, (user) => ({ id: user.id }));
}

export async function changeUserRole(deps: Deps, actor: Actor, userId: string, role: RoleKey): Promise<void> {
  const user = await findUser(deps.db, userId);
  await audited(deps.db, subjectOf(actor), 'user.change-role', { type: 'user', id: user.id, name: user.username }, async () => {
    await keepingAnAdmin(deps.db, async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { role } });
    });
  });
  deps.changes.publish({ type: 'user.access-changed', userId });
}

export async function setUserDisabled(deps: Deps, actor: Actor, userId: string, disabled: boolean): Promise<void> {
  if (disabled && userId === actor.id) throw new AppError('PRECONDITION', 'You cannot disable your own account.');
  const user = await findUser(deps.db, userId);
  await audited(deps.db, subjectOf(actor), disabled ? 'user.disable' : 'user.enable', { type: 'user', id: user.id, name: user.username }, async () => {
    await keepingAnAdmin(deps.db, async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { disabled } });
      if (disabled) await tx.session.deleteMany({ where: { userId } });
    });
  });
  deps.changes.publish({ type: 'user.access-changed', userId });
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
