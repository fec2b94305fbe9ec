// The one authorization function. Every door calls it; a denial is audited and becomes a
// FORBIDDEN error whose message does not reveal whether the target exists.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from './actor.ts';
import { auditTargetOf, isAllowed, permissionPhrase, type Permission, type Requirement, type Target } from './permissions.ts';
import { log } from '@/lib/observability/logger.ts';

export async function authorize(db: Db, actor: Actor, permission: Permission, target: Target = { type: 'global' }): Promise<void> {
  if (isAllowed(actor.grants, permission, target, actor.id)) return;
  await recordAudit(db, {
    subject: subjectOf(actor),
    action: permission,
    target: auditTargetOf(target) ?? undefined,
    result: 'denied',
  }).catch((error) => log('audit').error({ err: error }, 'could not record a denial'));
  throw new AppError('FORBIDDEN', msg('errors.forbidden', { action: permissionPhrase(permission) }));
}

/** Authorizes each requirement in turn (all must hold); returns them as a list, for doors that
 * remember what they checked. */
export async function authorizeAll(db: Db, actor: Actor, required: Requirement | readonly Requirement[]): Promise<Requirement[]> {
  const list = Array.isArray(required) ? [...required] : [required as Requirement];
  for (const { permission, target } of list) await authorize(db, actor, permission, target);
  return list;
}

/** For deciding what to show; never a substitute for authorize() on the way in. */
export const can = (actor: Actor, permission: Permission, target?: Target): boolean => isAllowed(actor.grants, permission, target, actor.id);
