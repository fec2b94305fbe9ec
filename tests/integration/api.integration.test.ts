// The REST API and its tokens on real Postgres (issue 14; docs/security.md, "API tokens"): a token
// resolves to the same Actor a session gives, narrowed when it was narrowed; it stops when revoked,
// expired or when its owner is disabled; audit rows name it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfBearer, TOKEN_MALFORMED, TOKEN_MISSING, TOKEN_UNKNOWN } from '@/lib/auth/api-token-store.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/services/api-tokens/manage-api-tokens.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';
import { refusal } from '../support/security-lab.ts';

const lab = labState();
const [l1, l2] = lab.hosts;
let deps: TestDeps;
let admin: Awaited<ReturnType<typeof seedUser>>;
let h1: string;
let h2: string;

const bearer = (token: string) => `Bearer ${token}`;

beforeAll(async () => {
  deps = await createTestDeps('api');
  admin = await seedUser(deps.db, 'admin');
  h1 = await registerLabHost(deps, admin.actor, l1);
  h2 = await registerLabHost(deps, admin.actor, l2);
}, 60_000);

afterAll(async () => {
  await deps?.close();
});

describe('API tokens', () => {
  it('a token resolves to its owner with the same grants a session gives, and its last use is recorded', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'full', expiresInDays: 30 });
    expect(created.token).toMatch(/^wharf_pat_/);
    const stored = await deps.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).not.toContain(created.token);
    const actor = await actorOfBearer(deps.db, bearer(created.token), '10.0.0.9');
    expect(actor).toMatchObject({ id: admin.id, username: admin.username, role: 'admin', token: { id: created.id, name: 'full' }, ip: '10.0.0.9' });
    expect((await listHosts(deps, actor)).map((h) => h.id).sort()).toEqual([h1, h2].sort());
    const listed = await listApiTokens(deps, admin.actor);
    expect(listed.find((t) => t.id === created.id)).toMatchObject({ name: 'full', rights: 'Your own rights', lastUsedIp: '10.0.0.9' });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('a narrowed token does only what both its owner and its narrowing allow (a 403 that is audited naming the token)', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'view-h1', expiresInDays: 7, narrow: { role: 'viewer', scope: { type: 'host', id: h1 } } });
    const actor = await actorOfBearer(deps.db, bearer(created.token), null);
    expect((await listHosts(deps, actor)).map((h) => h.id)).toEqual([h1]);
    const denied = await refusal(authorize(deps.db, actor, 'container.manage', { type: 'host', id: h1 }));
    expect(denied.code).toBe('FORBIDDEN');
    const rows = await auditLines(deps.db, { actorId: admin.id, result: 'denied', action: 'container.manage' });
    expect(rows.at(-1)).toMatchObject({ actorName: `${admin.username} (token view-h1)`, targetId: h1 });
  });

  it('a token cannot be narrowed beyond its owner\'s rights (the delegation rule of grants)', async () => {
    const viewer = await seedUser(deps.db, 'viewer');
    const refused = await refusal(createApiToken(deps, viewer.actor, { name: 'too-wide', expiresInDays: 7, narrow: { role: 'operator', scope: { type: 'host', id: h1 } } }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/cannot narrow a token to Operator on/);
    expect(await deps.db.apiToken.count({ where: { userId: viewer.id } })).toBe(0);
  });

  it('creating and revoking are audited with the token\'s name; a revoked token is refused at once', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'to-revoke', expiresInDays: 1 });
    await actorOfBearer(deps.db, bearer(created.token), null);
    await revokeApiToken(deps, admin.actor, { tokenId: created.id });
    expect((await refusal(actorOfBearer(deps.db, bearer(created.token), null))).message).toBe(TOKEN_UNKNOWN);
    const lines = await auditLines(deps.db, { actorId: admin.id, targetName: 'to-revoke' });
    expect(lines.map((l) => [l.action, l.result])).toEqual([['api-token.create', 'succeeded'], ['api-token.revoke', 'succeeded']]);
  });

  it('another user cannot revoke my token (it answers as missing)', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'mine', expiresInDays: 1 });
    const other = await seedUser(deps.db, 'admin');
    expect((await refusal(revokeApiToken(deps, other.actor, { tokenId: created.id }))).code).toBe('NOT_FOUND');
    await actorOfBearer(deps.db, bearer(created.token), null);
  });

  it('an expired token, a disabled owner\'s token, a malformed header and no header are each refused with why', async () => {
    const past = new Date(Date.now() - 2 * 86_400_000);
    const expired = await createApiToken(deps, admin.actor, { name: 'expired', expiresInDays: 1 }, past);
    const e = await refusal(actorOfBearer(deps.db, bearer(expired.token), null));
    expect([e.code, e.message]).toEqual(['UNAUTHENTICATED', expect.stringMatching(/\("expired"\) expired on/)]);

    const owner = await seedUser(deps.db, 'operator');
    const theirs = await createApiToken(deps, owner.actor, { name: 'ci', expiresInDays: 30 });
    await actorOfBearer(deps.db, bearer(theirs.token), null);
    await deps.db.user.update({ where: { id: owner.id }, data: { disabled: true } });
    expect((await refusal(actorOfBearer(deps.db, bearer(theirs.token), null))).message).toMatch(/is disabled/);

    expect((await refusal(actorOfBearer(deps.db, 'Bearer not-a-token', null))).message).toBe(TOKEN_MALFORMED);
    expect((await refusal(actorOfBearer(deps.db, `Basic ${theirs.token}`, null))).message).toBe(TOKEN_MALFORMED);
    expect((await refusal(actorOfBearer(deps.db, null, null))).message).toBe(TOKEN_MISSING);
    expect((await refusal(actorOfBearer(deps.db, bearer(`wharf_pat_${'x'.repeat(43)}`), null))).message).toBe(TOKEN_UNKNOWN);
  });

  it('a token cannot make or revoke tokens', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'no-tokens', expiresInDays: 1 });
    const actor = await actorOfBearer(deps.db, bearer(created.token), null);
    expect((await refusal(createApiToken(deps, actor, { name: 'child', expiresInDays: 1 }))).code).toBe('FORBIDDEN');
    expect((await refusal(revokeApiToken(deps, actor, { tokenId: created.id }))).code).toBe('FORBIDDEN');
  });
});
