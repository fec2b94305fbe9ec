// What every server action and every route handler asks authorize() for, read from the doors
// themselves: the doors are replaced by recorders, every action and route module is loaded, and
// each recorded check is run on an input that names host-b, swarm-b and user-b.
// Case 13 of docs/security.md: a viewer can call no action that changes anything.
// Case 17: an action or a read on an object is authorized on that object (the host, swarm or user its
// input names), so a grant on another team's host or swarm never reaches it.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { meetsAll, type Grant, type Requirement, type RoleKey } from './permissions.ts';

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

const NAMED: Record<string, string> = { hostId: 'host-b', id: 'host-b', swarmId: 'swarm-b', userId: 'user-b' };
const TARGETS = new Set(['host:host-b', 'swarm:swarm-b', 'user:user-b']);

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
  it('a viewer may call no action but the stack file check, which changes nothing', () => {
    expect(actions.filter((a) => meetsAll(everywhere('viewer'), a.requirements)).map((a) => a.name)).toEqual(['stack.validate']);
  });

  it('the only action open without a session is first-run setup (refused once a user exists)', async () => {
    const { setupAdminSchema } = await import('@/lib/schemas/users.ts');
    expect(recorded.publicSchemas).toEqual([setupAdminSchema]);
  });

  it('the only action without a permission changes the caller\'s own password (its schema names no user)', async () => {
    const { changeOwnPasswordSchema } = await import('@/lib/schemas/users.ts');
    expect(recorded.ownAccount).toEqual(['user.change-own-password']);
    expect(Object.keys(changeOwnPasswordSchema.shape).sort()).toEqual(['currentPassword', 'password']);
  });
});

describe('17. another team\'s host, stack or container id', () => {
  it('every action is authorized on the host, swarm or user its input names, or needs a global grant', () => {
    const foreign = actions.flatMap((a) => a.requirements.filter((r) => r.target && r.target.type !== 'global' && !TARGETS.has(`${r.target.type}:${r.target.id}`)).map(() => a.name));
    expect(foreign).toEqual([]);
    const onTheirObject = actions.filter((a) => a.requirements.some((r) => r.target && r.target.type !== 'global'));
    expect(onTheirObject.length).toBeGreaterThan(35);
  });

  it('every read of a host or swarm is authorized on the one its path names', () => {
    const foreign = routes.flatMap((r) => r.requirements.filter((q) => q.target && q.target.type !== 'global' && !TARGETS.has(`${q.target.type}:${q.target.id}`)).map(() => r.name));
    expect(foreign).toEqual([]);
    const scoped = routes.filter((r) => /\[(hostId|swarmId)\]/.test(r.name));
    expect(scoped.length).toBeGreaterThan(15);
    expect(scoped.filter((r) => !r.requirements.some((q) => q.target && q.target.type !== 'global')).map((r) => r.name)).toEqual([]);
  });

  it('grants on another host and swarm, even as administrator, open none of them', () => {
    expect([...actions, ...routes].filter((d) => meetsAll(elsewhere, d.requirements)).map((d) => d.name)).toEqual([]);
  });
});
