// Teams, custom roles and grants on real Postgres and a real lab swarm (docs/security.md cases 12,
// 17, 23, 28 and 29): grants are read from the database by the session, so every check here goes
// through the same session read, doors and lists the console uses. A team "payments" holds an
// operator grant on the stack payments; its member sees that stack's services and task containers
// and nothing else on the swarm; its lead cannot grant above their own role or on a scope they do
// not hold; removing the member ends their open log stream and terminal at the next re-check.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { createSession, resolveSession } from '@/lib/auth/session-store.ts';
import { stackTarget } from '@/lib/models/access/containment.ts';
import { teamMemberSchema } from '@/lib/schemas/access.ts';
import { deployStackSchema } from '@/lib/schemas/stacks.ts';
import { locateContainer, onContainer } from '@/lib/services/access/locate-target.ts';
import { createGrant, deleteGrant } from '@/lib/services/access/manage-grants.ts';
import { createRole, deleteRole } from '@/lib/services/access/manage-roles.ts';
import { addTeamMember, createTeam, memberCandidates, removeTeamMember } from '@/lib/services/access/manage-teams.ts';
import { changeContainerState } from '@/lib/services/containers/change-container.ts';
import { listContainers } from '@/lib/services/containers/list-containers.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { listStacks } from '@/lib/services/stacks/read-stacks.ts';
import { removeStack } from '@/lib/services/stacks/remove-stack.ts';
import { listSwarmServices } from '@/lib/services/swarm-services/manage-services.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';
import { labState, removeTestContainers, seedUser } from '../support/integration.ts';
import { oneManagerSwarm, refusal } from '../support/security-lab.ts';
import { call, ok, StreamsSuite, type StreamClient } from '../support/streams-server.ts';
import { leaveAllSwarms } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';

const lab = labState();
const [l1] = lab.hosts;
const LABEL = 'teams';
const docker = new Dockerode({ socketPath: l1.socket });
const suite = new StreamsSuite();
let swarmInventory: Inventory;
let hostId: string;
let swarmId: string;
let teamId: string;
let lead: { id: string; username: string };
let member: { id: string; username: string };
let standaloneId: string;

/** The actor a fresh session of `userId` resolves to: base role plus grants read from the database. */
async function actorOf(userId: string): Promise<Actor> {
  const { token } = await createSession(suite.deps.db, userId, { hours: 1, ip: null, userAgent: null });
  return (await resolveSession(suite.deps.db, token))!;
}

const compose = `services:\n  app:\n    image: ${lab.image}\n    command: ["sh", "-c", "while true; do echo tick; sleep 0.3; done"]\n`;

/** The running task container of a stack on l1. */
const taskOf = (stack: string) =>
  waitFor(async () => (await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`], status: ['running'] }) }))[0]?.Id, { timeoutMs: 60_000, what: `a running task of ${stack}` });

let paymentsTask: string;
let shopTask: string;

beforeAll(async () => {
  await removeTestContainers(docker, LABEL);
  await suite.prepare('teams');
  ({ hostId, swarmId, inventory: swarmInventory } = await oneManagerSwarm(suite.deps, suite.admin.actor, l1, lab.hosts.map((h) => h.socket)));
  // Open streams are re-checked every half second here; access changes are also pushed at once.
  await suite.listen({ revalidateMs: 500 });
  for (const stackName of ['payments', 'shop']) await deployStack(suite.deps, suite.admin.actor, deployStackSchema.parse({ swarmId, stackName, composeText: compose }));
  [paymentsTask, shopTask] = await Promise.all([taskOf('payments'), taskOf('shop')]);
  const standalone = await docker.createContainer({ Image: lab.image, Cmd: ['sleep', '600'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1 });
  await standalone.start();
  standaloneId = standalone.id;

  const admin = suite.admin.actor;
  teamId = (await createTeam(suite.deps, admin, { name: 'payments' })).id;
  lead = await seedUser(suite.deps.db, 'none');
  member = await seedUser(suite.deps.db, 'none');
  await addTeamMember(suite.deps, admin, { teamId, userId: lead.id, lead: true });
  await createGrant(suite.deps, admin, { subject: { type: 'team', id: teamId }, role: 'operator', scope: { type: 'stack', swarmId, name: 'payments' } });
}, 180_000);

afterAll(() => suite.close(async () => {
  for (const stackName of ['payments', 'shop']) await removeStack(suite.deps, suite.admin.actor, { swarmId, stackName, confirmName: stackName }).catch(() => {});
  await removeTestContainers(docker, LABEL);
  swarmInventory?.stop();
  await leaveAllSwarms([l1.socket]);
}), 120_000);

describe('29. a team lead grants only what they hold, where they hold it', () => {
  it('the lead adds a member to their team and grants it their own role on their stack', async () => {
    const asLead = await actorOf(lead.id);
    await authorize(suite.deps.db, asLead, 'team.manage', { type: 'team', id: teamId });
    await addTeamMember(suite.deps, asLead, { teamId, userId: member.id, lead: false });
    const grant = await createGrant(suite.deps, asLead, { subject: { type: 'team', id: teamId }, role: 'viewer', scope: { type: 'stack', swarmId, name: 'payments' } });
    await deleteGrant(suite.deps, asLead, { grantId: grant.id });
  });

  it('refuses a role above the lead\'s own, a scope the lead does not hold, another team and making a lead', async () => {
    const asLead = await actorOf(lead.id);
    const above = await refusal(createGrant(suite.deps, asLead, { subject: { type: 'team', id: teamId }, role: 'admin', scope: { type: 'stack', swarmId, name: 'payments' } }));
    expect(above.code).toBe('FORBIDDEN');
    expect(above.message).toMatch(/^You cannot grant Administrator on stack payments on swarm security: it allows more than you hold there/);
    for (const scope of [{ type: 'swarm' as const, id: swarmId }, { type: 'stack' as const, swarmId, name: 'shop' }, { type: 'host' as const, id: hostId }, { type: 'global' as const }]) {
      const elsewhere = await refusal(createGrant(suite.deps, asLead, { subject: { type: 'team', id: teamId }, role: 'viewer', scope }));
      expect(elsewhere.message, JSON.stringify(scope)).toMatch(/you hold nothing there yourself/);
    }
    const other = (await createTeam(suite.deps, suite.admin.actor, { name: 'shop' })).id;
    expect((await refusal(authorize(suite.deps.db, asLead, 'team.manage', { type: 'team', id: other }))).code).toBe('FORBIDDEN');
    expect((await refusal(authorize(suite.deps.db, asLead, 'team.manage'))).code).toBe('FORBIDDEN');
    expect((await refusal(addTeamMember(suite.deps, asLead, { teamId, userId: member.id, lead: true }))).message).toBe('Only an administrator can make someone a lead of a team.');
    expect(await suite.deps.db.grant.count({ where: { teamId, builtinRole: { not: 'operator' } } })).toBe(0);
  });
  it('a lead is shown no list of users and adds a member by exact username; an unknown or disabled name is refused on its field', async () => {
    const asLead = await actorOf(lead.id);
    expect(await memberCandidates(suite.deps, asLead)).toBeNull();
    expect((await memberCandidates(suite.deps, suite.admin.actor))?.map((u) => u.id)).toEqual(expect.arrayContaining([lead.id, member.id]));
    const named = await seedUser(suite.deps.db, 'none');
    await addTeamMember(suite.deps, asLead, teamMemberSchema.parse({ teamId, username: named.username.toUpperCase() }));
    expect(await suite.deps.db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: named.id } } })).toMatchObject({ lead: false, source: 'local' });
    const disabled = await seedUser(suite.deps.db, 'none');
    await suite.deps.db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    for (const username of ['nobody-here', disabled.username]) {
      const refused = await refusal(addTeamMember(suite.deps, asLead, teamMemberSchema.parse({ teamId, username })));
      expect([refused.code, refused.message]).toEqual(['NOT_FOUND', `There is no user named ${username}. Check the spelling with them or an administrator.`]);
      expect(refused.fieldErrors?.username).toHaveLength(1);
    }
    expect(await suite.deps.db.teamMember.count({ where: { teamId, userId: disabled.id } })).toBe(0);
    // A member is named one way: by id or by username, never both or neither.
    expect(teamMemberSchema.safeParse({ teamId, userId: named.id, username: named.username }).success).toBe(false);
    expect(teamMemberSchema.safeParse({ teamId }).success).toBe(false);
    await removeTeamMember(suite.deps, suite.admin.actor, { teamId, userId: named.id });
  });
});

describe('grants on scopes and roles that do not exist, and roles in use', () => {
  it('refuses a grant on a host or swarm Wharf does not know', async () => {
    for (const scope of [{ type: 'host' as const, id: 'cmnosuchhost0000000000000' }, { type: 'swarm' as const, id: 'nosuchswarm00000000000000' }, { type: 'stack' as const, swarmId: 'nosuchswarm00000000000000', name: 'payments' }]) {
      const refused = await refusal(createGrant(suite.deps, suite.admin.actor, { subject: { type: 'user', id: member.id }, role: 'viewer', scope }));
      expect(refused.code, JSON.stringify(scope)).toBe('NOT_FOUND');
      expect(refused.message).toMatch(/^There is no (host|swarm) with that id, so nothing can be granted on it\.$/);
    }
    expect((await refusal(createGrant(suite.deps, suite.admin.actor, { subject: { type: 'user', id: member.id }, role: 'superuser', scope: { type: 'global' } }))).code).toBe('NOT_FOUND');
    expect(await suite.deps.db.grant.count({ where: { userId: member.id } })).toBe(0);
  });

  it('a custom role in use cannot be deleted, and the refusal says where it is granted', async () => {
    const role = await createRole(suite.deps, suite.admin.actor, { name: 'restart only', permissions: ['container.view', 'container.manage'] });
    const grant = await createGrant(suite.deps, suite.admin.actor, { subject: { type: 'user', id: member.id }, role: role.id, scope: { type: 'host', id: hostId } });
    const refused = await refusal(deleteRole(suite.deps, suite.admin.actor, { roleId: role.id }));
    expect(refused.code).toBe('PRECONDITION');
    expect(refused.message).toBe(`The role restart only is in use: it is granted to user ${member.username} on host ${l1.name}. Remove those grants first.`);
    await deleteGrant(suite.deps, suite.admin.actor, { grantId: grant.id });
    await deleteRole(suite.deps, suite.admin.actor, { roleId: role.id });
    expect(await suite.deps.db.role.count({ where: { id: role.id } })).toBe(0);
  });
});

describe('12, 17, 23. a stack-scoped member sees and reaches only that stack', () => {
  it('lists only the payments stack, its services and its task container', async () => {
    const asMember = await actorOf(member.id);
    expect((await listSwarms(suite.deps, asMember)).map((s) => s.id)).toEqual([swarmId]);
    expect((await listStacks(suite.deps, swarmId, asMember)).stacks.map((s) => s.name)).toEqual(['payments']);
    expect((await listSwarmServices(suite.deps, swarmId, asMember)).services.map((s) => s.name)).toEqual(['payments_app']);
    const listed = (await listContainers(suite.deps, asMember)).containers.map((c) => c.id);
    expect(listed).toEqual([paymentsTask]);
    // The administrator's lists hold the others, so the filter is what left them out.
    const all = (await listContainers(suite.deps, suite.admin.actor)).containers.map((c) => c.id);
    expect(all).toEqual(expect.arrayContaining([paymentsTask, shopTask, standaloneId]));
  });

  it('locates a task container in its swarm and stack, a standalone one on its host alone', async () => {
    expect(await locateContainer(suite.deps, hostId, paymentsTask)).toEqual({ type: 'host', id: hostId, in: { swarmId, stack: 'payments' } });
    expect(await locateContainer(suite.deps, hostId, standaloneId)).toEqual({ type: 'host', id: hostId });
    expect(await locateContainer(suite.deps, hostId, 'f'.repeat(64))).toEqual({ type: 'host', id: hostId });
  });

  it('may restart its stack\'s container; another stack\'s, a standalone one and a made-up id get the same refusal', async () => {
    const asMember = await actorOf(member.id);
    const restart = async (containerId: string) => {
      const requirement = await onContainer(suite.deps, asMember, 'container.manage', { hostId, containerId });
      await authorize(suite.deps.db, asMember, requirement.permission, requirement.target);
      return changeContainerState(suite.deps, asMember, { hostId, containerId, verb: 'restart' });
    };
    await restart(paymentsTask);
    const refusals = await Promise.all([shopTask, standaloneId, 'f'.repeat(64)].map((id) => refusal(restart(id))));
    for (const r of refusals) expect({ code: r.code, message: r.message }).toEqual({ code: 'FORBIDDEN', message: 'You are not allowed to start, stop, create or remove containers, images, volumes and networks.' });
    expect((await refusal(authorize(suite.deps.db, asMember, 'stack.view', stackTarget(swarmId, 'shop')))).code).toBe('FORBIDDEN');
    expect((await refusal(authorize(suite.deps.db, asMember, 'swarm.view', { type: 'swarm', id: swarmId }))).code).toBe('FORBIDDEN');
  });

  it('over the socket: logs of its stack\'s container open; another stack\'s and a made-up one read the same refusal', async () => {
    const socket = await suite.socketFor(member);
    const logs = (containerId: string) => call<{ streamId: string }>(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId }, stdout: true, stderr: true, tail: 1 });
    const { streamId } = await ok(logs(paymentsTask));
    socket.emit('logs:stop', { streamId });
    const [shop, madeUp] = await Promise.all([logs(shopTask), logs('f'.repeat(64))]);
    expect(shop).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(madeUp).toEqual(shop);
    socket.disconnect();
  });
});

describe('28. removal from the team ends open streams', () => {
  it('a member\'s log stream and terminal in the stack end once an administrator removes them from the team', async () => {
    const socket: StreamClient = await suite.socketFor(member);
    const { streamId } = await ok(call<{ streamId: string }>(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId: paymentsTask }, stdout: true, stderr: true, tail: 1 }));
    const { sessionId } = await ok(call<{ sessionId: string }>(socket, 'exec:open', { hostId, containerId: paymentsTask, shell: { kind: 'sh' }, cols: 80, rows: 24 }));
    const logsEnded = new Promise<string>((resolve) => socket.on('logs:end', (m) => m.streamId === streamId && resolve(m.reason)));
    const execEnded = new Promise<string>((resolve) => socket.on('exec:exit', (m) => m.sessionId === sessionId && resolve(m.reason)));

    await removeTeamMember(suite.deps, suite.admin.actor, { teamId, userId: member.id });
    expect(await logsEnded).toMatch(/access|allowed/i);
    expect(await execEnded).toMatch(/access|allowed/i);
    // And the next request is refused.
    expect(await call(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId: paymentsTask }, stdout: true, stderr: true, tail: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    socket.disconnect();
  });
});
