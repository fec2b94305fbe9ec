// What every server action and every route handler asks authorize() for, read from the doors
// themselves: the doors are replaced by recorders, every action and route module is loaded, and
// each recorded check is run on an input that names host-b, swarm-b and user-b.
// Case 13 of docs/security.md: a viewer can call no action that changes anything.
// Case 17: an action or a read on an object is authorized on that object (the host, swarm or user its
// input names), so a grant on another team's host or swarm never reaches it.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { meetsAll, ROLE_KEYS, ROLES, type Grant, type Requirement, type RoleKey, type Scope } from './permissions.ts';

type Check = string | ((input: unknown) => Requirement | Requirement[] | Promise<Requirement | Requirement[]>);
type Door = { name: string; check: Check };

const recorded = vi.hoisted(() => ({ actions: [] as Door[], publicSchemas: [] as unknown[], ownAccount: [] as string[], routes: [] as Door[] }));

vi.mock('@/lib/actions/action-client.ts', () => ({
  authedAction: (name: string, _schema: unknown, check: Check) => (recorded.actions.push({ name, check }), () => undefined),
  publicAction: (schema: unknown) => (recorded.publicSchemas.push(schema), () => undefined),
  ownAccountAction: (name: string) => (recorded.ownAccount.push(name), () => undefined),
}));
vi.mock('@/lib/http/authed-route.ts', () => {
  const door = (check: Check) => (recorded.routes.push({ name: '', check }), () => undefined);
  return { authedRead: door, authedDownload: door, respond: () => undefined };
});
// The one check that looks something up: which swarm a host belongs to (leaving a swarm).
vi.mock('@/lib/runtime/runtime.ts', () => ({ getRuntime: () => ({ db: { host: { findUnique: async () => ({ facts: { swarm: { clusterId: 'swarm-b' } } }) } } }) }));

const NAMED: Record<string, string> = { hostId: 'host-b', id: 'host-b', swarmId: 'swarm-b', userId: 'user-b', teamId: 'team-b', registryId: 'registry-b' };
const TARGETS = new Set(['host:host-b', 'swarm:swarm-b', 'in-swarm:swarm-b', 'user:user-b', 'team:team-b', 'registry:registry-b']);
/** A target that names an object (not global, not a list's "anywhere"), as type:id. */
const named = (target: Requirement['target']): string | null => (target && 'id' in target ? `${target.type}:${target.id}` : null);

/** An input (or route params) naming host-b, swarm-b and user-b; anything else it is asked is set. */
function namingInput(): unknown {
  const nested: object = new Proxy({}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => 'x' : nested) });
  return new Proxy({}, { get: (_t, key) => (typeof key === 'string' && key in NAMED ? NAMED[key] : nested) });
}

async function requirementsOf(door: Door): Promise<Requirement[]> {
  const made = typeof door.check === 'string' ? { permission: door.check } : await door.check(namingInput());
  return (Array.isArray(made) ? made : [made]) as Requirement[];
}

const everywhere = (role: RoleKey): Grant[] => [{ role, scope: { type: 'global' } }];
const elsewhere: Grant[] = [
  { role: 'admin', scope: { type: 'host', id: 'host-a' } },
  { role: 'admin', scope: { type: 'swarm', id: 'swarm-a' } },
];

let actions: { name: string; requirements: Requirement[] }[];
let routes: { name: string; requirements: Requirement[] }[];

beforeAll(async () => {
  const actionModules = import.meta.glob(['../actions/*.ts', '!../actions/action-client.ts', '!../actions/*.test.ts']);
  for (const load of Object.values(actionModules)) await load();
  const routeModules = import.meta.glob('../../app/api/**/route.ts');
  for (const [file, load] of Object.entries(routeModules)) {
    const before = recorded.routes.length;
    await load();
    for (const door of recorded.routes.slice(before)) door.name = file.replace('../../app', '');
  }
  actions = await Promise.all(recorded.actions.map(async (a) => ({ name: a.name, requirements: await requirementsOf(a) })));
  routes = await Promise.all(recorded.routes.map(async (r) => ({ name: r.name, requirements: await requirementsOf(r) })));
}, 60_000);

it('finds every action and route', () => {
  expect(actions.length).toBeGreaterThan(45);
  expect(routes.length).toBeGreaterThan(20);
  expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(['container.create', 'stack.deploy', 'user.change-role', 'swarm.tokens.reveal']));
});

describe('13. read-only users change nothing', () => {
  it('a viewer may call no action but the stack and compose project file checks, which change nothing', () => {
    expect(actions.filter((a) => meetsAll(everywhere('viewer'), a.requirements)).map((a) => a.name).sort()).toEqual(['project.validate', 'stack.validate']);
  });

  it('the only action open without a session is first-run setup (refused once a user exists)', async () => {
    const { setupAdminSchema } = await import('@/lib/schemas/users.ts');
    expect(recorded.publicSchemas).toEqual([setupAdminSchema]);
  });

  it('the only actions without a permission act on the caller\'s own account: password, language and API tokens (their schemas name no user)', async () => {
    const { changeOwnPasswordSchema } = await import('@/lib/schemas/users.ts');
    const { createApiTokenSchema, revokeApiTokenSchema } = await import('@/lib/schemas/api-tokens.ts');
    expect(recorded.ownAccount).toEqual(['user.change-own-password', 'user.choose-language', 'api-token.create', 'api-token.revoke']);
    expect(Object.keys(changeOwnPasswordSchema.shape).sort()).toEqual(['currentPassword', 'password']);
    // A token is revoked by its id among the caller's own tokens only (tests/integration/api.integration.test.ts).
    expect(Object.keys(createApiTokenSchema.shape).sort()).toEqual(['expiresInDays', 'name', 'narrow']);
    expect(Object.keys(revokeApiTokenSchema.shape)).toEqual(['tokenId']);
  });
});

describe('17. another team\'s host, stack or container id', () => {
  it('every action is authorized on the host, swarm or user its input names, or needs a global grant', () => {
    const foreign = actions.flatMap((a) => a.requirements.filter((r) => named(r.target) !== null && !TARGETS.has(named(r.target)!)).map(() => a.name));
    expect(foreign).toEqual([]);
    const onTheirObject = actions.filter((a) => a.requirements.some((r) => r.target && r.target.type !== 'global'));
    expect(onTheirObject.length).toBeGreaterThan(35);
  });

  it('every read of a host or swarm is authorized on the one its path names', () => {
    const foreign = routes.flatMap((r) => r.requirements.filter((q) => named(q.target) !== null && !TARGETS.has(named(q.target)!)).map(() => r.name));
    expect(foreign).toEqual([]);
    const scoped = routes.filter((r) => /\[(hostId|swarmId)\]/.test(r.name));
    expect(scoped.length).toBeGreaterThan(15);
    expect(scoped.filter((r) => !r.requirements.some((q) => q.target && q.target.type !== 'global')).map((r) => r.name)).toEqual([]);
  });

  // Lists across every host or swarm open to a grant anywhere; they keep only the rows the grants
  // reach (tests/integration/teams.integration.test.ts lists as a stack-scoped member).
  const isList = (d: { requirements: Requirement[] }) => d.requirements.some((q) => q.target?.type === 'anywhere');

  it('grants on another host and swarm, even as administrator, open none of them (lists aside)', () => {
    expect([...actions, ...routes].filter((d) => !isList(d) && meetsAll(elsewhere, d.requirements)).map((d) => d.name)).toEqual([]);
  });

  // Also a host's Compose projects: refused unless the host or a project on it is held, then filtered per project.
  // The images, volumes and networks across hosts read only the hosts held as themselves (list-resources.ts).
  // The dashboard's usage history sums only the hosts the reader may view (read-history.ts).
  it('only the cross-host lists and the registries list are open to a grant anywhere; no action is', () => {
    expect(actions.filter(isList).map((a) => a.name)).toEqual([]);
    expect(routes.filter(isList).map((r) => r.name).sort()).toEqual(['/api/containers/route.ts', '/api/history/route.ts', '/api/hosts/[hostId]/projects/route.ts', '/api/hosts/route.ts', '/api/registries/route.ts', '/api/resources/[kind]/route.ts', '/api/swarms/route.ts']);
  });
});

/** The scope a grant must have to reach exactly what a requirement's target names. */
function scopeFor(target: Requirement['target']): Scope {
  if (!target) return { type: 'global' };
  switch (target.type) {
    case 'host':
      return { type: 'host', id: target.id };
    case 'swarm':
      return target.stack ? { type: 'stack', swarmId: target.id, name: target.stack } : { type: 'swarm', id: target.id };
    case 'in-swarm':
      return { type: 'swarm', id: target.id };
    case 'team':
      return { type: 'team', id: target.id };
    case 'registry':
      return { type: 'registry', id: target.id };
    default:
      return { type: 'global' };
  }
}

// The access matrix: every action and route × every built-in role, granted exactly on the scopes
// the door names, or on other hosts and swarms. Generated from the permission table and the doors,
// so a new door or a changed role is covered without a new test.
describe('access matrix: doors × roles × scopes', () => {
  const others: Scope[] = [{ type: 'host', id: 'host-a' }, { type: 'swarm', id: 'swarm-a' }, { type: 'stack', swarmId: 'swarm-a', name: 'other' }, { type: 'team', id: 'team-a' }, { type: 'registry', id: 'registry-a' }];

  it('a role on the scopes a door names opens it exactly when the table gives the role every permission the door needs', () => {
    const wrong: string[] = [];
    for (const door of [...actions, ...routes]) {
      for (const role of ROLE_KEYS) {
        const grants: Grant[] = door.requirements.map((r) => ({ role, scope: scopeFor(r.target) }));
        const expected = door.requirements.every((r) => ROLES[role].permissions.has(r.permission));
        if (meetsAll(grants, door.requirements) !== expected) wrong.push(`${door.name} as ${role}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the same role on other hosts, swarms, stacks and teams opens no door but the cross-host lists', () => {
    const opened: string[] = [];
    for (const door of [...actions, ...routes]) {
      if (door.requirements.some((q) => q.target?.type === 'anywhere')) continue;
      for (const role of ROLE_KEYS) if (meetsAll(others.map((scope) => ({ role, scope })), door.requirements)) opened.push(`${door.name} as ${role}`);
    }
    expect(opened).toEqual([]);
  });
});
