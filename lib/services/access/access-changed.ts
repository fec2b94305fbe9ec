// After a change of teams, grants or roles: the affected users' open sockets are re-checked at once
// (their sessions re-read grants on the next request anyway), and the docker CLI bundles of any who
// no longer hold unrestricted workloads on a host are revoked there (case 37), as a role change does.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { GRANT_ROWS_INCLUDE, grantsOfRows } from '@/lib/auth/grant-rows.ts';
import { grantsForUser, isAllowed, isRoleKey } from '@/lib/auth/permissions.ts';
import type { LifecycleDeps } from '../hosts/lifecycle/lifecycle-deps.ts';
import { revokeBundlesOfUser } from '../hosts/lifecycle/revoke-cli-bundles.ts';
import type { Message } from '@/lib/i18n/message.ts';
import { log } from '@/lib/observability/logger.ts';

export type AccessDeps = LifecycleDeps;

export async function accessChanged(deps: AccessDeps, actor: Actor, userIds: Iterable<string>, why: Message): Promise<void> {
  for (const userId of new Set(userIds)) {
    deps.changes.publish({ type: 'user.access-changed', userId });
    const user = await deps.db.user.findUnique({ where: { id: userId }, include: GRANT_ROWS_INCLUDE });
    if (!user) continue;
    const grants = user.disabled || !isRoleKey(user.role) ? [] : grantsForUser(user, grantsOfRows(user));
    const mayHold = (hostId: string) => isAllowed(grants, 'workload.unrestricted', { type: 'host', id: hostId });
    await revokeBundlesOfUser(deps, actor, user, mayHold, why).catch((error: unknown) => log('access').error({ err: error }, 'could not revoke CLI bundles'));
  }
}
