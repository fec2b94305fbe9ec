// Teams, custom roles and grants on real Postgres and a real lab swarm (docs/security.md cases 12,
// 17, 23, 28 and 29): grants are read from the database by the session, so every check here goes
// through the same session read, doors and lists the console uses. A team "payments" holds an
// operator grant on the stack payments; its member sees that stack's services and task containers
// and nothing else on the swarm; its lead cannot grant above their own role or on a scope they do
// not hold; removing the member ends their open log stream and terminal at the next re-check.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { UNREAD_OWNER } from '@/lib/auth/ownership.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { createSession, resolveSession } from '@/lib/auth/session-store.ts';
import { OWNER_CREATOR_LABEL, OWNER_TEAM_LABEL, stackTarget } from '@/lib/models/access/containment.ts';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { moveServiceSchema, serviceFormSchema } from '@/lib/schemas/services.ts';
import { teamMemberSchema } from '@/lib/schemas/access.ts';
import { deployStackSchema, moveStackSchema } from '@/lib/schemas/stacks.ts';
import { locateContainer, onContainer, onService, onStack } from '@/lib/services/access/locate-target.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import { moveContainer } from '@/lib/services/containers/move-container.ts';
import { downProject } from '@/lib/services/compose-projects/down-project.ts';
import { moveProject } from '@/lib/services/compose-projects/move-project.ts';
import { listProjects } from '@/lib/services/compose-projects/read-projects.ts';
import { saveProject } from '@/lib/services/compose-projects/save-project.ts';
import { upProject } from '@/lib/services/compose-projects/up-project.ts';
import { onProject } from '@/lib/services/access/locate-target.ts';
import { moveStack } from '@/lib/services/stacks/move-stack.ts';
import { createSwarmService, moveService } from '@/lib/services/swarm-services/manage-services.ts';
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

/** The actor a fresh session of `userId` resolves to: base role plus grants, through the cache a
 * console keeps across requests (so every check below also proves a change reaches it at once). */
async function actorOf(userId: string): Promise<Actor> {
  const { token } = await createSession(suite.deps.db, userId, { hours: 1, ip: null, userAgent: null });
  return (await resolveSession(suite.deps.db, token, null, suite.deps.access))!;
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
  for (const stackName of ['payments', 'shop', 'owned']) await removeStack(suite.deps, suite.admin.actor, { swarmId, stackName, confirmName: stackName }).catch(() => {});
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
    // An id the engine does not know is answered as another team's would be: only grants on everything reach it.
    expect(await locateContainer(suite.deps, hostId, 'f'.repeat(64))).toEqual({ type: 'host', id: hostId, owner: UNREAD_OWNER });
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

describe('ownership: what a team creates is reached through that team\'s grants', () => {
  let teamA: string;
  let teamB: string;
  let a1: { id: string; username: string };
  let b1: { id: string; username: string };
  let serviceId: string;
  let ownedContainer: string;
  const sameRefusal = { code: 'FORBIDDEN', message: 'You are not allowed to change services, secrets, configs and networks.' };

  beforeAll(async () => {
    const admin = suite.admin.actor;
    teamA = (await createTeam(suite.deps, admin, { name: 'owners-a' })).id;
    teamB = (await createTeam(suite.deps, admin, { name: 'owners-b' })).id;
    a1 = await seedUser(suite.deps.db, 'none');
    b1 = await seedUser(suite.deps.db, 'none');
    await addTeamMember(suite.deps, admin, { teamId: teamA, userId: a1.id, lead: false });
    await addTeamMember(suite.deps, admin, { teamId: teamB, userId: b1.id, lead: false });
    // Both teams hold the same swarm and the same host.
    for (const team of [teamA, teamB]) {
      await createGrant(suite.deps, admin, { subject: { type: 'team', id: team }, role: 'operator', scope: { type: 'swarm', id: swarmId } });
      await createGrant(suite.deps, admin, { subject: { type: 'team', id: team }, role: 'operator', scope: { type: 'host', id: hostId } });
    }
  }, 60_000);

  /** May `userId` manage the service, through the door's own requirement? */
  const manageService = async (userId: string) => {
    const actor = await actorOf(userId);
    const [requirement] = await onService(suite.deps, actor, ['service.manage'], { swarmId, serviceId });
    await authorize(suite.deps.db, actor, requirement.permission, requirement.target);
  };
  const servicesOf = async (userId: string) => (await listSwarmServices(suite.deps, swarmId, await actorOf(userId))).services.map((s) => s.name);

  it('a service made by a member of one team records that team and its creator on the service and its tasks', async () => {
    const asA = await actorOf(a1.id);
    serviceId = (await createSwarmService(suite.deps, asA, swarmId, serviceFormSchema.parse({ swarmId, form: { name: 'owned-web', image: lab.image, command: ['sleep', '600'] } }).form)).id;
    const spec = (await docker.getService(serviceId).inspect()).Spec;
    expect(spec.Labels).toMatchObject({ [OWNER_TEAM_LABEL]: teamA, [OWNER_CREATOR_LABEL]: a1.id });
    expect(spec.TaskTemplate.ContainerSpec.Labels).toMatchObject({ [OWNER_TEAM_LABEL]: teamA });
  });

  it('a member of team B neither sees nor acts on team A\'s service on a swarm both hold, and is told what a made-up id gets', async () => {
    expect(await servicesOf(a1.id)).toContain('owned-web');
    expect(await servicesOf(b1.id)).not.toContain('owned-web');
    await manageService(a1.id);
    const refused = await refusal(manageService(b1.id));
    expect({ code: refused.code, message: refused.message }).toEqual(sameRefusal);
    // A made-up id gets the very same answer, so a guessed id tells nothing.
    const asB = await actorOf(b1.id);
    const [madeUp] = await onService(suite.deps, asB, ['service.manage'], { swarmId, serviceId: 'nosuchservice0000000000000' });
    const other = await refusal(authorize(suite.deps.db, asB, madeUp.permission, madeUp.target));
    expect({ code: other.code, message: other.message }).toEqual(sameRefusal);
  });

  it('its task container is hidden from team B on a host both hold', async () => {
    const task = await waitFor(async () => (await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.id=${serviceId}`], status: ['running'] }) }))[0]?.Id, { timeoutMs: 60_000, what: 'a running task of owned-web' });
    expect((await listContainers(suite.deps, await actorOf(a1.id))).containers.map((c) => c.id)).toContain(task);
    expect((await listContainers(suite.deps, await actorOf(b1.id))).containers.map((c) => c.id)).not.toContain(task);
    expect(await locateContainer(suite.deps, hostId, task)).toMatchObject({ owner: { team: teamA, creator: a1.id } });
  });

  it('an administrator makes it visible to all, then moves it to team B (audited)', async () => {
    const admin = suite.admin.actor;
    await moveService(suite.deps, admin, moveServiceSchema.parse({ swarmId, serviceId, owner: { teamId: teamA, everyone: true } }));
    expect(await servicesOf(b1.id)).toContain('owned-web');
    await manageService(b1.id);
    await moveService(suite.deps, admin, moveServiceSchema.parse({ swarmId, serviceId, owner: { teamId: teamB, everyone: false } }));
    expect(await servicesOf(b1.id)).toContain('owned-web');
    // Moved away: its creator keeps nothing the new team does not give.
    expect(await servicesOf(a1.id)).not.toContain('owned-web');
    expect((await refusal(manageService(a1.id))).code).toBe('FORBIDDEN');
    const rows = await suite.deps.db.auditEntry.findMany({ where: { action: 'service.move', result: 'succeeded' } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // A team that does not exist is refused, and nothing changes.
    const missing = await refusal(moveService(suite.deps, admin, moveServiceSchema.parse({ swarmId, serviceId, owner: { teamId: 'cmnosuchteam0000000000000', everyone: false } })));
    expect(missing.code).toBe('NOT_FOUND');
    expect((await docker.getService(serviceId).inspect()).Spec.Labels).toMatchObject({ [OWNER_TEAM_LABEL]: teamB });
  });

  it('a container made outside Wharf (no owner) is reachable by whoever holds its host; one made by team A only by team A', async () => {
    ownedContainer = (await createContainer(suite.deps, await actorOf(a1.id), createContainerSchema.parse({ hostId, image: lab.image, command: 'sleep 600', labels: { 'wharf.test': LABEL } }))).id;
    const listed = async (userId: string) => (await listContainers(suite.deps, await actorOf(userId))).containers.map((c) => c.id);
    expect(await listed(b1.id)).toContain(standaloneId);
    expect(await listed(b1.id)).not.toContain(ownedContainer);
    expect(await listed(a1.id)).toEqual(expect.arrayContaining([standaloneId, ownedContainer]));
    const restart = async (userId: string, containerId: string) => {
      const actor = await actorOf(userId);
      const requirement = await onContainer(suite.deps, actor, 'container.manage', { hostId, containerId });
      await authorize(suite.deps.db, actor, requirement.permission, requirement.target);
    };
    await restart(b1.id, standaloneId);
    await restart(a1.id, ownedContainer);
    const [owned, madeUp] = await Promise.all([refusal(restart(b1.id, ownedContainer)), refusal(restart(b1.id, 'f'.repeat(64)))]);
    expect(owned.message).toBe('You are not allowed to start, stop, create or remove containers, images, volumes and networks.');
    expect({ code: madeUp.code, message: madeUp.message }).toEqual({ code: owned.code, message: owned.message });
  });

  it('an administrator moves team A\'s container to team B: a row stands over its labels (audited); a task\'s container moves only with its service', async () => {
    const listed = async (userId: string) => (await listContainers(suite.deps, await actorOf(userId))).containers.map((c) => c.id);
    await moveContainer(suite.deps, suite.admin.actor, { hostId, containerId: ownedContainer, owner: { teamId: teamB, everyone: false } });
    expect(await listed(b1.id)).toContain(ownedContainer);
    expect(await listed(a1.id)).not.toContain(ownedContainer);
    expect(await locateContainer(suite.deps, hostId, ownedContainer)).toMatchObject({ owner: { team: teamB } });
    expect(await suite.deps.db.auditEntry.count({ where: { action: 'container.move', result: 'succeeded' } })).toBe(1);
    const task = (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.swarm.service.id=${serviceId}`] }) }))[0]!.Id;
    const refused = await refusal(moveContainer(suite.deps, suite.admin.actor, { hostId, containerId: task, owner: { teamId: teamA, everyone: false } }));
    expect(refused.code).toBe('PRECONDITION');
  });

  it('a stack made by team A is listed and deployable by team A only; an administrator moves it', async () => {
    await deployStack(suite.deps, await actorOf(a1.id), deployStackSchema.parse({ swarmId, stackName: 'owned', composeText: compose }));
    const stacksOf = async (userId: string) => (await listStacks(suite.deps, swarmId, await actorOf(userId))).stacks.map((s) => s.name);
    expect(await stacksOf(a1.id)).toContain('owned');
    expect(await stacksOf(b1.id)).not.toContain('owned');
    const deployAs = async (userId: string) => {
      const actor = await actorOf(userId);
      const requirement = await onStack(suite.deps, actor, 'stack.deploy', { swarmId, stackName: 'owned' });
      await authorize(suite.deps.db, actor, requirement.permission, requirement.target);
    };
    await deployAs(a1.id);
    expect((await refusal(deployAs(b1.id))).code).toBe('FORBIDDEN');
    // A redeploy by team A keeps the stack's owner.
    await deployStack(suite.deps, await actorOf(a1.id), deployStackSchema.parse({ swarmId, stackName: 'owned', composeText: compose }));
    await moveStack(suite.deps, suite.admin.actor, moveStackSchema.parse({ swarmId, stackName: 'owned', owner: { teamId: teamB, everyone: false } }));
    expect(await stacksOf(b1.id)).toContain('owned');
    expect(await stacksOf(a1.id)).not.toContain('owned');
  });

  it('a forged owner label is refused in the service form, the container form and a stack file', async () => {
    const service = serviceFormSchema.safeParse({ swarmId, form: { name: 'forged', image: lab.image, labels: { [OWNER_TEAM_LABEL]: teamA } } });
    expect(service.success).toBe(false);
    expect(service.error?.issues[0].message).toMatch(/^access\.errors\.ownerLabel /);
    const container = createContainerSchema.safeParse({ hostId, image: lab.image, labels: { 'Wharf.Owner.Team': teamA } });
    expect(container.success).toBe(false);
    const file = `services:\n  app:\n    image: ${lab.image}\n    deploy:\n      labels:\n        ${OWNER_TEAM_LABEL}: ${teamA}\n`;
    const refused = await refusal(deployStack(suite.deps, await actorOf(b1.id), deployStackSchema.parse({ swarmId, stackName: 'forged', composeText: file })));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.problems?.[0]).toMatchObject({ severity: 'error', path: 'services.app.deploy.labels', line: 5 });
    expect((await docker.listServices({ filters: JSON.stringify({ label: ['com.docker.stack.namespace=forged'] }) })).length).toBe(0);
  });

  it('a team chosen at creation must be one of the creator\'s teams', async () => {
    const refused = await refusal(createSwarmService(suite.deps, await actorOf(b1.id), swarmId, serviceFormSchema.parse({ swarmId, form: { name: 'not-mine', image: lab.image, teamId: teamA } }).form));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toBe('You are not a member of that team: choose one of your teams.');
  });
});

describe('Compose projects: owned as their row says, and grantable one by one', () => {
  let teamA: string;
  let teamB: string;
  let a1: { id: string; username: string };
  let b1: { id: string; username: string };
  let p1: { id: string; username: string };
  const projectFile = `services:\n  web:\n    image: ${lab.image}\n    command: ["sleep", "600"]\n`;
  const containersOf = async (project: string) => (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) })).map((c) => c.Id);
  const bring = async (actor: Actor, name: string) => {
    await saveProject(suite.deps, actor, { hostId, name, composeText: projectFile, variables: {}, files: {}, profiles: [], create: true });
    await upProject(suite.deps, actor, { hostId, name });
  };
  const listedBy = async (userId: string) => (await listContainers(suite.deps, await actorOf(userId))).containers.map((c) => c.id);
  const projectsOf = async (userId: string) => (await listProjects(suite.deps, hostId, await actorOf(userId))).map((p) => p.name);
  const manageProject = async (userId: string, name: string) => {
    const actor = await actorOf(userId);
    const requirement = await onProject(suite.deps, actor, 'container.manage', { hostId, name });
    await authorize(suite.deps.db, actor, requirement.permission, requirement.target);
  };

  beforeAll(async () => {
    const admin = suite.admin.actor;
    teamA = (await createTeam(suite.deps, admin, { name: 'projects-a' })).id;
    teamB = (await createTeam(suite.deps, admin, { name: 'projects-b' })).id;
    [a1, b1, p1] = await Promise.all([seedUser(suite.deps.db, 'none'), seedUser(suite.deps.db, 'none'), seedUser(suite.deps.db, 'none')]);
    await addTeamMember(suite.deps, admin, { teamId: teamA, userId: a1.id, lead: false });
    await addTeamMember(suite.deps, admin, { teamId: teamB, userId: b1.id, lead: false });
    for (const team of [teamA, teamB]) await createGrant(suite.deps, admin, { subject: { type: 'team', id: team }, role: 'operator', scope: { type: 'host', id: hostId } });
    await bring(await actorOf(a1.id), 'teamproj');
    await bring(admin, 'openproj');
    // p1 holds one project and nothing else.
    await createGrant(suite.deps, admin, { subject: { type: 'user', id: p1.id }, role: 'operator', scope: { type: 'project', hostId, name: 'openproj' } });
  }, 180_000);

  afterAll(async () => {
    for (const name of ['teamproj', 'openproj']) await downProject(suite.deps, suite.admin.actor, { hostId, name, volumes: true, forget: true }).catch(() => {});
  }, 120_000);

  it('a project made by team A records its owner; its containers are hidden from team B on a host both hold', async () => {
    expect(await suite.deps.db.composeProject.findUnique({ where: { hostId_name: { hostId, name: 'teamproj' } }, select: { ownerTeamId: true, ownerCreatorId: true } })).toEqual({ ownerTeamId: teamA, ownerCreatorId: a1.id });
    const [container] = await containersOf('teamproj');
    expect(await listedBy(a1.id)).toContain(container);
    expect(await listedBy(b1.id)).not.toContain(container);
    expect(await projectsOf(a1.id)).toEqual(expect.arrayContaining(['teamproj', 'openproj']));
    expect(await projectsOf(b1.id)).toContain('openproj');
    expect(await projectsOf(b1.id)).not.toContain('teamproj');
    await manageProject(a1.id, 'teamproj');
    expect((await refusal(manageProject(b1.id, 'teamproj'))).code).toBe('FORBIDDEN');
    // The container's own door too.
    const asB = await actorOf(b1.id);
    const requirement = await onContainer(suite.deps, asB, 'container.manage', { hostId, containerId: container });
    expect((await refusal(authorize(suite.deps.db, asB, requirement.permission, requirement.target))).code).toBe('FORBIDDEN');
  });

  it('a project grant reaches that project\'s containers and doors, nothing else on the host', async () => {
    const [open] = await containersOf('openproj');
    const [owned] = await containersOf('teamproj');
    expect(await listedBy(p1.id)).toEqual([open]);
    expect(await projectsOf(p1.id)).toEqual(['openproj']);
    await manageProject(p1.id, 'openproj');
    const asP = await actorOf(p1.id);
    const onOpen = await onContainer(suite.deps, asP, 'container.manage', { hostId, containerId: open });
    await authorize(suite.deps.db, asP, onOpen.permission, onOpen.target);
    for (const containerId of [owned, standaloneId]) {
      const requirement = await onContainer(suite.deps, asP, 'container.manage', { hostId, containerId });
      expect((await refusal(authorize(suite.deps.db, asP, requirement.permission, requirement.target))).code).toBe('FORBIDDEN');
    }
    expect((await refusal(manageProject(p1.id, 'teamproj'))).code).toBe('FORBIDDEN');
    expect((await refusal(authorize(suite.deps.db, asP, 'container.manage', { type: 'host', id: hostId }))).code).toBe('FORBIDDEN');
  });

  it('a grant on a project of a host Wharf does not know is refused', async () => {
    const refused = await refusal(createGrant(suite.deps, suite.admin.actor, { subject: { type: 'user', id: p1.id }, role: 'viewer', scope: { type: 'project', hostId: 'cmnosuchhost0000000000000', name: 'openproj' } }));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toBe('There is no host with that id, so nothing can be granted on it.');
  });

  it('an administrator moves team A\'s project to team B without recreating its containers (audited)', async () => {
    const before = await containersOf('teamproj');
    await moveProject(suite.deps, suite.admin.actor, { hostId, name: 'teamproj', owner: { teamId: teamB, everyone: false } });
    expect(await containersOf('teamproj')).toEqual(before);
    expect(await listedBy(b1.id)).toContain(before[0]);
    expect(await listedBy(a1.id)).not.toContain(before[0]);
    expect(await projectsOf(a1.id)).not.toContain('teamproj');
    await moveProject(suite.deps, suite.admin.actor, { hostId, name: 'teamproj', owner: { teamId: teamB, everyone: true } });
    expect(await listedBy(a1.id)).toContain(before[0]);
    expect(await suite.deps.db.auditEntry.count({ where: { action: 'project.move', result: 'succeeded' } })).toBe(2);
  });
});
