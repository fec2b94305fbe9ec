// Roles: the built-in ones (read-only, from lib/auth/permissions.ts) and custom roles administrators
// shape from the permission catalogue. A change to a custom role applies to everyone holding it on
// their next request and to open streams at the next re-check; a role in use cannot be deleted.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { resolvePermissions, scopeOfRow } from '@/lib/auth/grant-rows.ts';
import { PERMISSIONS, ROLES, ROLE_KEYS } from '@/lib/auth/permissions.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import { scopeLabel, type RoleView } from '@/lib/models/access/access-views.ts';
import type { RoleInput } from '@/lib/schemas/access.ts';
import type { ServiceDeps } from '../deps.ts';
import { scopeNames } from './access-names.ts';
import { accessChanged, type AccessDeps } from './access-changed.ts';

type Deps = AccessDeps;

export async function listRoles(deps: Pick<ServiceDeps, 'db'>): Promise<RoleView[]> {
  const [custom, builtinUse] = await Promise.all([
    deps.db.role.findMany({ orderBy: { name: 'asc' }, include: { _count: { select: { grants: true } } } }),
    deps.db.grant.groupBy({ by: ['builtinRole'], _count: { _all: true }, where: { builtinRole: { not: null } } }),
  ]);
  const used = new Map(builtinUse.map((g) => [g.builtinRole, g._count._all]));
  const builtins: RoleView[] = ROLE_KEYS.map((key) => ({ key, name: ROLES[key].label, description: ROLES[key].description, builtin: true, permissions: PERMISSIONS.filter((p) => ROLES[key].permissions.has(p)), grants: used.get(key) ?? 0 }));
  return [
    ...builtins,
    ...custom.map((r) => ({ key: r.id, name: r.name, description: r.description ?? '', builtin: false, permissions: [...resolvePermissions(r.permissions)], grants: r._count.grants })),
  ];
}

const nameTaken = (name: string) => new AppError('CONFLICT', msg('access.errors.roleNameTaken', { name }), { fieldErrors: { name: [issueText('access.errors.nameTaken')] } });
const builtinName = (name: string) => ROLE_KEYS.some((k) => k === name.toLowerCase() || ROLES[k].label.toLowerCase() === name.toLowerCase());

export async function createRole(deps: Pick<ServiceDeps, 'db'>, actor: Actor, input: RoleInput): Promise<{ id: string }> {
  if (builtinName(input.name)) throw nameTaken(input.name);
  return audited(deps.db, subjectOf(actor), 'role.create', { type: 'role', name: input.name }, () =>
    onUniqueViolation(
      () => deps.db.role.create({ data: { name: input.name, description: input.description || null, permissions: [...resolvePermissions(input.permissions)] }, select: { id: true } }),
      () => nameTaken(input.name),
    ),
    (role) => ({ id: role.id, message: input.permissions.join(', ') }),
  );
}

async function findRole(deps: Pick<ServiceDeps, 'db'>, roleId: string) {
  const role = await deps.db.role.findUnique({ where: { id: roleId }, include: { grants: { select: { userId: true, teamId: true, team: { select: { members: { select: { userId: true } } } } } } } });
  if (!role) throw new AppError('NOT_FOUND', msg('access.errors.roleNotFound'));
  return role;
}

export async function updateRole(deps: Deps, actor: Actor, input: RoleInput & { roleId: string }): Promise<void> {
  const role = await findRole(deps, input.roleId);
  if (builtinName(input.name)) throw nameTaken(input.name);
  await audited(deps.db, subjectOf(actor), 'role.update', { type: 'role', id: role.id, name: role.name }, () =>
    onUniqueViolation(
      () => deps.db.role.update({ where: { id: role.id }, data: { name: input.name, description: input.description || null, permissions: [...resolvePermissions(input.permissions)] } }),
      () => nameTaken(input.name),
    ),
    () => ({ message: `${input.name}: ${input.permissions.join(', ')}` }),
  );
  await accessChanged(deps, actor, role.grants.flatMap((g) => (g.userId ? [g.userId] : (g.team?.members ?? []).map((m) => m.userId))), msg('guardText.why.customRoleChanged', { actor: actor.username, role: role.name }));
}

/** Refused while the role is granted: the error names where, so the administrator can remove those grants. */
export async function deleteRole(deps: Pick<ServiceDeps, 'db'>, actor: Actor, input: { roleId: string }): Promise<void> {
  const role = await findRole(deps, input.roleId);
  const grants = await deps.db.grant.findMany({ where: { roleId: role.id }, include: { user: { select: { username: true } }, team: { select: { name: true } } }, take: 6 });
  if (grants.length > 0) {
    const names = await scopeNames(deps.db);
    const where = grants.slice(0, 5).map((g) => {
      const scope = scopeOfRow(g);
      const who = g.user ? `user ${g.user.username}` : `team ${g.team?.name ?? '?'}`;
      return `${who} on ${scope ? scopeLabel(scope, names) : 'an unknown scope'}`;
    });
    throw new AppError('PRECONDITION', msg(grants.length > 5 ? 'access.errors.roleInUseMore' : 'access.errors.roleInUse', { role: role.name, where: where.join('; ') }));
  }
  await audited(deps.db, subjectOf(actor), 'role.delete', { type: 'role', id: role.id, name: role.name }, async () => {
    await deps.db.role.delete({ where: { id: role.id } });
  });
}
