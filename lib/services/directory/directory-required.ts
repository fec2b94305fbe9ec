// "Directory sign-in required": while on, only break-glass administrators sign in with a Wharf
// password; everyone else signs in through a directory. Turning it on needs an enabled directory
// and at least one break-glass administrator (or nobody could get in when the directory is down).
// Administrators; audited. The break-glass flag is for enabled local administrators only.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { DIRECTORY_REQUIRED_SETTING } from './directory-config.ts';

type Deps = Pick<ServiceDeps, 'db'>;

export async function setDirectoryRequired(deps: Deps, actor: Actor, required: boolean): Promise<void> {
  await audited(deps.db, subjectOf(actor), required ? 'directory.require' : 'directory.unrequire', { type: 'setting', id: DIRECTORY_REQUIRED_SETTING }, async () => {
    await deps.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${DIRECTORY_REQUIRED_SETTING}))`;
      if (required) {
        if ((await tx.directoryConfig.count({ where: { enabled: true } })) === 0) throw new AppError('PRECONDITION', msg('directory.errors.setUpFirst'));
        if ((await tx.user.count({ where: { role: 'admin', source: 'local', disabled: false, breakGlass: true } })) === 0)
          throw new AppError('PRECONDITION', msg('directory.errors.breakGlassFirst'));
      }
      await tx.setting.upsert({ where: { key: DIRECTORY_REQUIRED_SETTING }, create: { key: DIRECTORY_REQUIRED_SETTING, value: { required } }, update: { value: { required } } });
    });
  });
}

export async function setBreakGlass(deps: Deps, actor: Actor, userId: string, breakGlass: boolean): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, role: true, source: true, disabled: true } });
  if (!user) throw new AppError('NOT_FOUND', msg('directory.errors.userNotFound'));
  if (breakGlass && (user.role !== 'admin' || user.source !== 'local' || user.disabled)) throw new AppError('PRECONDITION', msg('directory.errors.breakGlassWho'));
  await audited(deps.db, subjectOf(actor), breakGlass ? 'user.break-glass.grant' : 'user.break-glass.revoke', { type: 'user', id: user.id, name: user.username }, async () => {
    await deps.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${DIRECTORY_REQUIRED_SETTING}))`;
      await tx.user.update({ where: { id: userId }, data: { breakGlass } });
      if (breakGlass) return;
      const required = ((await tx.setting.findUnique({ where: { key: DIRECTORY_REQUIRED_SETTING } }))?.value as { required?: boolean } | undefined)?.required;
      const left = await tx.user.count({ where: { role: 'admin', source: 'local', disabled: false, breakGlass: true } });
      if (required && left === 0) throw new AppError('PRECONDITION', msg('directory.errors.lastBreakGlass'));
    });
  });
}
