// First run: creates the first administrator, only while there are no users at all. Two
// browsers racing through setup cannot both win: the check and the insert share a lock.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { hashPassword } from '@/lib/auth/password.ts';
import type { SetupAdminInput } from '@/lib/schemas/users.ts';
import type { ServiceDeps } from '../deps.ts';

const SETUP_LOCK = 7_431_902_119;

export async function needsSetup(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  return (await deps.db.user.count()) === 0;
}

export async function setupFirstAdmin(deps: Pick<ServiceDeps, 'db'>, input: SetupAdminInput, ip: string | null): Promise<{ id: string; username: string }> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError('CONFLICT', 'Wharf is already set up. Sign in instead.');
    }
    const user = await tx.user.create({
      data: { username: input.username, displayName: input.displayName ?? null, passwordHash, role: 'admin' },
      select: { id: true, username: true },
    });
    await tx.auditEntry.create({
      data: { actorId: user.id, actorName: user.username, ip, action: 'setup.first-admin', targetType: 'user', targetId: user.id, targetName: user.username, result: 'succeeded' },
    });
    return user;
  });
}
