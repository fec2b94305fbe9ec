// A user's own API tokens: create (narrowed to a role on a scope no larger than the owner's, with
// an expiry; the token is answered once and only its hash kept), list with last use, revoke (the
// row is deleted, so the next request with it is refused). Tokens are managed from a browser
// session only: a token cannot make or revoke tokens.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { mintApiToken } from '@/lib/auth/api-token-store.ts';
import { rowOfScope, scopeOfRow } from '@/lib/auth/grant-rows.ts';
import { scopeLabel, builtinRoleRef } from '@/lib/models/access/access-views.ts';
import type { ApiTokenView, CreatedApiToken } from '@/lib/models/api-tokens/api-token-view.ts';
import type { CreateApiTokenInput } from '@/lib/schemas/api-tokens.ts';
import type { ServiceDeps } from '../deps.ts';
import { resolveRole, scopeExists, scopeNames } from '../access/access-names.ts';
import { checkDelegation } from '../access/manage-grants.ts';

type Deps = Pick<ServiceDeps, 'db'>;

/** How many live tokens one user may hold. */
export const API_TOKENS_PER_USER = 50;

function fromBrowser(actor: Actor): void {
  if (actor.token) throw new AppError('FORBIDDEN', msg('apiTokens.errors.fromBrowser'));
}

export async function createApiToken(deps: Deps, actor: Actor, input: CreateApiTokenInput, now = new Date()): Promise<CreatedApiToken> {
  fromBrowser(actor);
  let narrowing: { builtinRole: string | null; roleId: string | null; label: string; columns: ReturnType<typeof rowOfScope> } | null = null;
  if (input.narrow) {
    const role = await resolveRole(deps.db, input.narrow.role);
    if (!role) throw new AppError('NOT_FOUND', msg('apiTokens.errors.roleMissing'), { fieldErrors: { 'narrow.role': [issueText('apiTokens.errors.chooseRole')] } });
    const where = scopeLabel(input.narrow.scope, await scopeNames(deps.db));
    checkDelegation(actor, role.name, role.permissions, input.narrow.scope, where, 'narrow');
    if (!(await scopeExists(deps.db, input.narrow.scope))) throw new AppError('NOT_FOUND', msg('apiTokens.errors.scopeMissing'));
    narrowing = { builtinRole: role.builtinRole, roleId: role.roleId, label: `${role.name} on ${where}`, columns: rowOfScope(input.narrow.scope) };
  }
  const [count, taken] = await Promise.all([
    deps.db.apiToken.count({ where: { userId: actor.id } }),
    deps.db.apiToken.count({ where: { userId: actor.id, name: input.name } }),
  ]);
  if (taken) throw new AppError('CONFLICT', msg('apiTokens.errors.nameTaken', { name: input.name }), { fieldErrors: { name: [issueText('apiTokens.errors.nameTakenField')] } });
  if (count >= API_TOKENS_PER_USER) throw new AppError('PRECONDITION', msg('apiTokens.errors.tooMany', { count: API_TOKENS_PER_USER }));
  const { token, tokenHash } = mintApiToken();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const row = await audited(
    deps.db,
    subjectOf(actor),
    'api-token.create',
    { type: 'api-token', name: input.name },
    () =>
      deps.db.apiToken.create({
        data: { userId: actor.id, name: input.name, tokenHash, expiresAt, builtinRole: narrowing?.builtinRole ?? null, roleId: narrowing?.roleId ?? null, ...(narrowing ? narrowing.columns : {}) },
        select: { id: true },
      }),
    (created) => ({ id: created.id, message: `Expires ${expiresAt.toISOString().slice(0, 10)}; ${narrowing ? `narrowed to ${narrowing.label}` : "the owner's rights"}` }),
  );
  return { id: row.id, name: input.name, token, expiresAt: expiresAt.toISOString() };
}

export async function listApiTokens(deps: Deps, actor: Actor): Promise<ApiTokenView[]> {
  const [rows, names, roles] = await Promise.all([
    deps.db.apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: 'desc' } }),
    scopeNames(deps.db),
    deps.db.role.findMany({ select: { id: true, name: true } }),
  ]);
  const roleNames = new Map(roles.map((r) => [r.id, r.name]));
  return rows.map((row) => {
    const scope = row.scopeType ? scopeOfRow({ ...row, scopeType: row.scopeType }) : null;
    const role = row.roleId ? roleNames.get(row.roleId) : builtinRoleRef(row.builtinRole ?? '')?.name;
    const rights: ApiTokenView['rights'] = !row.scopeType ? { kind: 'own' } : scope && role ? { kind: 'narrowed', role, scope: scopeLabel(scope, names) } : { kind: 'invalid' };
    return {
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      lastUsedIp: row.lastUsedIp,
      rights,
    };
  });
}

export async function revokeApiToken(deps: Deps, actor: Actor, input: { tokenId: string }): Promise<void> {
  fromBrowser(actor);
  const row = await deps.db.apiToken.findFirst({ where: { id: input.tokenId, userId: actor.id }, select: { id: true, name: true } });
  // Another user's token answers as a missing one.
  if (!row) throw new AppError('NOT_FOUND', msg('apiTokens.errors.notFound'));
  await audited(deps.db, subjectOf(actor), 'api-token.revoke', { type: 'api-token', id: row.id, name: row.name }, async () => {
    await deps.db.apiToken.deleteMany({ where: { id: row.id, userId: actor.id } });
  });
}
