// The grants cache across requests (lib/auth/access-cache.ts) on real Postgres, as two consoles
// sharing one database would run it: two Prisma clients, two caches. Each kind of change to what a
// user's grants are made of — a grant to them or their team, a membership, a lead, a custom role's
// permissions, a team's name, a host removed with its grants — is made once, through the services
// where there is one, and the very next session and token read of BOTH consoles sees it; a disabled
// user and a revoked token are refused at once. Unchanged, a read reuses the grants it cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AccessCache } from '@/lib/auth/access-cache.ts';
import { actorOfBearer } from '@/lib/auth/api-token-store.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { createSession, resolveSession, resolveSessions } from '@/lib/auth/session-store.ts';
import { createDb, type Db } from '@/lib/db/client.ts';
import { createGrant, deleteGrant } from '@/lib/services/access/manage-grants.ts';
import { createRole, updateRole } from '@/lib/services/access/manage-roles.ts';
import { addTeamMember, createTeam, readTeam, removeTeamMember, renameTeam } from '@/lib/services/access/manage-teams.ts';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens/manage-api-tokens.ts';
import { setUserDisabled } from '@/lib/services/users/manage-users.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { refusal } from '../support/security-lab.ts';

const lab = labState();
const [l1, l2, l3] = lab.hosts;
let deps: TestDeps;
let otherDb: Db;
let admin: Awaited<ReturnType<typeof seedUser>>;
let user: Awaited<ReturnType<typeof seedUser>>;
let sessionToken: string;
let bearer: string;
let h1: string;
let h2: string;
/** The two consoles: each its own database client and cache. */
let consoles: { db: Db; access: AccessCache }[];

const versionOf = async (userId: string) => (await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { accessVersion: true } })).accessVersion;

/** The user as each console's session door and token door sees them now. */
async function actorsNow(): Promise<Actor[]> {
  const actors: Actor[] = [];
  for (const c of consoles) {
    const bySession = await resolveSession(c.db, sessionToken, null, c.access);
    expect(bySession).not.toBeNull();
    actors.push(bySession!, await actorOfBearer(c.db, bearer, null, c.access));
  }
  return actors;
}

/** Whether every door of both consoles allows `permission` on host `hostId` now. */
async function everyoneSees(permission: 'host.view' | 'container.manage', hostId: string): Promise<boolean[]> {
  return (await actorsNow()).map((a) => isAllowed(a.grants, permission, { type: 'host', id: hostId }, a.id));
}

beforeAll(async () => {
  deps = await createTestDeps('access_cache');
  otherDb = createDb(deps.databaseUrl);
  consoles = [
    { db: deps.db, access: deps.access },
    { db: otherDb, access: new AccessCache(otherDb) },
  ];
  admin = await seedUser(deps.db, 'admin');
  user = await seedUser(deps.db, 'none');
  h1 = await registerLabHost(deps, admin.actor, l1, 'cache-h1');
  h2 = await registerLabHost(deps, admin.actor, l2, 'cache-h2');
  ({ token: sessionToken } = await createSession(deps.db, user.id, { hours: 1, ip: null, userAgent: null }));
  const sessionActor = (await resolveSession(deps.db, sessionToken))!;
  ({ token: bearer } = await createApiToken(deps, sessionActor, { name: 'cache', expiresInDays: 1 }));
  bearer = `Bearer ${bearer}`;
}, 60_000);

afterAll(async () => {
  await otherDb?.$disconnect();
  await deps?.close();
});

describe('grants cached across requests, right in every console at the next request', () => {
  it('reuses the grants it read while nothing changed, and a thousand grants made at once bump the version once', async () => {
    const before = await versionOf(user.id);
    await deps.db.grant.createMany({ data: Array.from({ length: 1000 }, (_, i) => ({ userId: user.id, builtinRole: 'operator', scopeType: 'stack', swarmId: 'cacheswarm00000000000000', stackName: `s-${i}` })) });
    expect(await versionOf(user.id)).toBe(before + 1);
    const [first] = await actorsNow();
    const [again] = await actorsNow();
    expect(first!.grants).toHaveLength(1000);
    // The same Grant objects: read once, kept under the version.
    expect(again!.grants[0]).toBe(first!.grants[0]);
    await deps.db.grant.deleteMany({ where: { userId: user.id } });
    expect(await versionOf(user.id)).toBe(before + 2);
    expect((await actorsNow()).map((a) => a.grants.length)).toEqual([0, 0, 0, 0]);
  });

  it('a grant to the user, then its removal', async () => {
    expect(await everyoneSees('host.view', h1)).toEqual([false, false, false, false]);
    const { id } = await createGrant(deps, admin.actor, { subject: { type: 'user', id: user.id }, role: 'viewer', scope: { type: 'host', id: h1 } });
    expect(await everyoneSees('host.view', h1)).toEqual([true, true, true, true]);
    await deleteGrant(deps, admin.actor, { grantId: id });
    expect(await everyoneSees('host.view', h1)).toEqual([false, false, false, false]);
  });

  it("a team's grant, joining, leading, renaming and leaving the team", async () => {
    const team = await createTeam(deps, admin.actor, { name: 'cache-team' });
    await createGrant(deps, admin.actor, { subject: { type: 'team', id: team.id }, role: 'viewer', scope: { type: 'host', id: h1 } });
    await addTeamMember(deps, admin.actor, { teamId: team.id, userId: user.id, lead: false });
    expect(await everyoneSees('host.view', h1)).toEqual([true, true, true, true]);
    // A new grant to a team the user is already in.
    await createGrant(deps, admin.actor, { subject: { type: 'team', id: team.id }, role: 'viewer', scope: { type: 'host', id: h2 } });
    expect(await everyoneSees('host.view', h2)).toEqual([true, true, true, true]);
    // Becoming a lead gives team.manage on the team.
    const leads = async () => (await actorsNow()).map((a) => isAllowed(a.grants, 'team.view', { type: 'team', id: team.id }, a.id));
    expect(await leads()).toEqual([false, false, false, false]);
    await addTeamMember(deps, admin.actor, { teamId: team.id, userId: user.id, lead: true });
    expect(await leads()).toEqual([true, true, true, true]);
    // Where a grant comes from names the team as it is called now.
    await renameTeam(deps, admin.actor, { teamId: team.id, name: 'cache-team-renamed' });
    for (const actor of await actorsNow()) expect(actor.grants.find((g) => g.from?.kind === 'team')?.from).toMatchObject({ teamName: 'cache-team-renamed' });
    await removeTeamMember(deps, admin.actor, { teamId: team.id, userId: user.id });
    expect(await everyoneSees('host.view', h1)).toEqual([false, false, false, false]);
    expect(await leads()).toEqual([false, false, false, false]);
  });

  it("a custom role's permissions edited, held through a team", async () => {
    const team = await createTeam(deps, admin.actor, { name: 'cache-restarters' });
    await addTeamMember(deps, admin.actor, { teamId: team.id, userId: user.id, lead: false });
    const role = await createRole(deps, admin.actor, { name: 'cache-manage', permissions: ['host.view'] });
    await createGrant(deps, admin.actor, { subject: { type: 'team', id: team.id }, role: role.id, scope: { type: 'host', id: h2 } });
    expect(await everyoneSees('container.manage', h2)).toEqual([false, false, false, false]);
    await updateRole(deps, admin.actor, { roleId: role.id, name: 'cache-manage', permissions: ['host.view', 'container.view', 'container.manage'] });
    expect(await everyoneSees('container.manage', h2)).toEqual([true, true, true, true]);
    await updateRole(deps, admin.actor, { roleId: role.id, name: 'cache-manage', permissions: ['host.view'] });
    expect(await everyoneSees('container.manage', h2)).toEqual([false, false, false, false]);
  });

  it("a host removed takes its grants, and the user's version, with it", async () => {
    const h3 = await registerLabHost(deps, admin.actor, l3!, 'cache-h3');
    await createGrant(deps, admin.actor, { subject: { type: 'user', id: user.id }, role: 'viewer', scope: { type: 'host', id: h3 } });
    expect(await everyoneSees('host.view', h3)).toEqual([true, true, true, true]);
    const before = await versionOf(user.id);
    await deps.db.host.delete({ where: { id: h3 } });
    expect(await versionOf(user.id)).toBeGreaterThan(before);
    expect((await actorsNow()).every((a) => a.grants.every((g) => g.scope.type !== 'host' || g.scope.id !== h3))).toBe(true);
  });

  it('the socket re-check reads through the same cache', async () => {
    await createGrant(deps, admin.actor, { subject: { type: 'user', id: user.id }, role: 'viewer', scope: { type: 'host', id: h1 } });
    for (const c of consoles) {
      const actor = (await resolveSessions(c.db, [sessionToken], c.access)).get(sessionToken)!;
      expect(isAllowed(actor.grants, 'host.view', { type: 'host', id: h1 }, actor.id)).toBe(true);
    }
  });

  it('a disabled user is refused at once, and enabled again works again', async () => {
    await setUserDisabled(deps, admin.actor, user.id, true);
    for (const c of consoles) {
      expect(await resolveSession(c.db, sessionToken, null, c.access)).toBeNull();
      expect((await refusal(actorOfBearer(c.db, bearer, null, c.access))).code).toBe('UNAUTHENTICATED');
    }
    await setUserDisabled(deps, admin.actor, user.id, false);
    // Disabling ended the sessions; the token works again with its owner enabled.
    ({ token: sessionToken } = await createSession(deps.db, user.id, { hours: 1, ip: null, userAgent: null }));
    expect((await actorsNow()).length).toBe(4);
  });

  it('a revoked token is refused at once by both consoles', async () => {
    const sessionActor = (await resolveSession(deps.db, sessionToken, null, deps.access))!;
    const made = await createApiToken(deps, sessionActor, { name: 'cache-revoked', expiresInDays: 1 });
    for (const c of consoles) await actorOfBearer(c.db, `Bearer ${made.token}`, null, c.access);
    await revokeApiToken(deps, sessionActor, { tokenId: made.id });
    for (const c of consoles) expect((await refusal(actorOfBearer(c.db, `Bearer ${made.token}`, null, c.access))).code).toBe('UNAUTHENTICATED');
  });
});

describe('last use', () => {
  it('is written by the first of a burst of requests, not by each, and not again within the minute', async () => {
    const sessionActor = (await resolveSession(deps.db, sessionToken, null, deps.access))!;
    const made = await createApiToken(deps, sessionActor, { name: 'cache-touch', expiresInDays: 1 });
    const lastUsed = async () => (await deps.db.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt;
    const access = new AccessCache(deps.db);
    expect(access.touchDue(`token:${made.id}`, null, Date.now())).toBe(true);
    // Another console's first request writes it; this console counted itself as having written it.
    await actorOfBearer(otherDb, `Bearer ${made.token}`, '10.0.0.7', consoles[1]!.access);
    const written = await lastUsed();
    expect(written).not.toBeNull();
    await Promise.all(Array.from({ length: 50 }, () => actorOfBearer(deps.db, `Bearer ${made.token}`, '10.0.0.8', deps.access)));
    expect(await lastUsed()).toEqual(written);
    expect((await deps.db.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedIp).toBe('10.0.0.7');
  });
});

describe("a lead's grants when the lead loses access", () => {
  it('stay, and the list says who granted them', async () => {
    const lead = await seedUser(deps.db, 'none');
    const team = await createTeam(deps, admin.actor, { name: 'cache-granted-by' });
    await addTeamMember(deps, admin.actor, { teamId: team.id, userId: lead.id, lead: true });
    const own = await createGrant(deps, admin.actor, { subject: { type: 'user', id: lead.id }, role: 'viewer', scope: { type: 'host', id: h1 } });
    const { token } = await createSession(deps.db, lead.id, { hours: 1, ip: null, userAgent: null });
    const leadActor = (await resolveSession(deps.db, token, null, deps.access))!;
    await createGrant(deps, leadActor, { subject: { type: 'team', id: team.id }, role: 'viewer', scope: { type: 'host', id: h1 } });
    await removeTeamMember(deps, admin.actor, { teamId: team.id, userId: lead.id });
    await deleteGrant(deps, admin.actor, { grantId: own.id });
    await setUserDisabled(deps, admin.actor, lead.id, true);
    const grants = (await readTeam(deps, team.id)).grants;
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ grantedBy: lead.username, role: { key: 'viewer' }, scope: { type: 'host', id: h1 } });
  });
});
