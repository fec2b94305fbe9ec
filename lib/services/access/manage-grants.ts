// Grants: a role given to a user or a team on a scope. Administrators grant anything to anyone; a
// team's lead grants to their own team only roles whose every permission they hold on that scope,
// and only on scopes they hold (case 29). A grant on a scope Wharf does not know is refused. Every
// change reaches the affected users' sessions and sockets at once.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { mayDelegate } from '@/lib/auth/delegation.ts';
import { rowOfScope, scopeOfRow } from '@/lib/auth/grant-rows.ts';
import { permissionPhrase, type GrantScope, type Permission } from '@/lib/auth/permissions.ts';
import { scopeLabel, scopeSaid, type GrantView } from '@/lib/models/access/access-views.ts';
import type { CreateGrantInput } from '@/lib/schemas/access.ts';
import type { ServiceDeps } from '../deps.ts';
import { GRANT_VIEW_INCLUDE, resolveRole, scopeExists, scopeNames, toGrantView } from './access-names.ts';
import { accessChanged, type AccessDeps } from './access-changed.ts';

type Deps = AccessDeps;

/** Refuses a grant (or an API token's narrowing: `verb` says which) the actor could not hold
 * themselves, in a sentence that says what is missing where. */
export function checkDelegation(actor: Actor, roleName: string, permissions: ReadonlySet<Permission>, scope: GrantScope, where: string, verb: 'grant' | 'narrow' = 'grant'): void {
  const verdict = mayDelegate(actor.grants, permissions, scope);
  if (verdict.ok) return;
  if (!verdict.holdsScope) throw new AppError('FORBIDDEN', msg('access.errors.grantNothingHeld', { where, verb }));
  const [a, b, c] = verdict.missing.slice(0, 3).map((p) => permissionPhrase(p));
  const missing: Message = c ? msg('access.errors.list3', { a: a!, b: b!, c }) : b ? msg('access.errors.list2', { a: a!, b }) : a!;
  throw new AppError('FORBIDDEN', msg(verdict.missing.length > 3 ? 'access.errors.grantTooMuchMore' : 'access.errors.grantTooMuch', { role: roleName, where, missing, verb }));
}

async function membersOf(deps: Pick<ServiceDeps, 'db'>, subject: { type: 'user' | 'team'; id: string }): Promise<string[]> {
  if (subject.type === 'user') return [subject.id];
  return (await deps.db.teamMember.findMany({ where: { teamId: subject.id }, select: { userId: true } })).map((m) => m.userId);
}

export async function createGrant(deps: Deps, actor: Actor, input: CreateGrantInput): Promise<{ id: string }> {
  const names = await scopeNames(deps.db);
  const where = scopeLabel(input.scope, names);
  const role = await resolveRole(deps.db, input.role);
  if (!role) throw new AppError('NOT_FOUND', msg('access.errors.roleNotFound'), { fieldErrors: { role: [issueText('access.errors.chooseRole')] } });
  checkDelegation(actor, role.name, role.permissions, input.scope, where);
  if (!(await scopeExists(deps.db, input.scope))) {
    throw new AppError('NOT_FOUND', msg('access.errors.noScope', { type: input.scope.type === 'host' || input.scope.type === 'project' ? 'host' : 'swarm' }));
  }
  const subject = input.subject.type === 'user'
    ? await deps.db.user.findUnique({ where: { id: input.subject.id }, select: { username: true } }).then((u) => u && { name: u.username })
    : await deps.db.team.findUnique({ where: { id: input.subject.id }, select: { name: true } });
  if (!subject) throw new AppError('NOT_FOUND', msg('access.errors.noSubject', { type: input.subject.type }));
  const created = await audited(deps.db, subjectOf(actor), 'grant.create', { type: input.subject.type, id: input.subject.id, name: subject.name }, () =>
    deps.db.grant.create({
      data: {
        userId: input.subject.type === 'user' ? input.subject.id : null,
        teamId: input.subject.type === 'team' ? input.subject.id : null,
        builtinRole: role.builtinRole,
        roleId: role.roleId,
        ...rowOfScope(input.scope),
        createdById: actor.id,
        createdByName: actor.username,
      },
      select: { id: true },
    }),
    () => ({ message: `${role.name} on ${where}` }),
  );
  await accessChanged(deps, actor, await membersOf(deps, input.subject), msg('guardText.why.granted', { actor: actor.username, role: role.name, scope: scopeSaid(input.scope, names), subject: subject.name }));
  return created;
}

/** The team a grant belongs to (its door authorizes team.manage there), or null for a user's grant or none. */
export async function teamOfGrant(deps: Pick<ServiceDeps, 'db'>, grantId: string): Promise<string | null> {
  return (await deps.db.grant.findUnique({ where: { id: grantId }, select: { teamId: true } }))?.teamId ?? null;
}

export async function deleteGrant(deps: Deps, actor: Actor, input: { grantId: string }): Promise<void> {
  const grant = await deps.db.grant.findUnique({ where: { id: input.grantId }, include: GRANT_VIEW_INCLUDE });
  if (!grant) throw new AppError('NOT_FOUND', msg('access.errors.grantNotFound'));
  const names = await scopeNames(deps.db);
  const view = toGrantView(grant, names);
  const scope = scopeOfRow(grant);
  const role = await resolveRole(deps.db, grant.roleId ?? grant.builtinRole ?? '');
  if (scope && role) checkDelegation(actor, role.name, role.permissions, scope, scopeLabel(scope, names));
  const subject = grant.userId ? { type: 'user' as const, id: grant.userId } : { type: 'team' as const, id: grant.teamId! };
  await audited(deps.db, subjectOf(actor), 'grant.delete', { type: subject.type, id: subject.id, name: view?.subject.name }, async () => {
    await deps.db.grant.delete({ where: { id: grant.id } });
  }, () => ({ message: view ? `${view.role.name} on ${view.scopeLabel}` : undefined }));
  await accessChanged(deps, actor, await membersOf(deps, subject), msg('guardText.why.grantRemoved', { actor: actor.username, role: view?.role.name ?? msg('guardText.why.aRole'), scope: view?.scopeSaid ?? msg('guardText.why.aScope') }));
}

/** A user's own grants (what their teams give is on each team's page). */
export async function listUserGrants(deps: Pick<ServiceDeps, 'db'>, userId: string): Promise<GrantView[]> {
  const [rows, names] = await Promise.all([deps.db.grant.findMany({ where: { userId }, include: GRANT_VIEW_INCLUDE, orderBy: { createdAt: 'asc' } }), scopeNames(deps.db)]);
  return rows.flatMap((g) => toGrantView(g, names) ?? []);
}
