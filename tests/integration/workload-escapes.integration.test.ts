// Cases 4 to 9 of docs/security.md (the ways a workload spec asks for the host) on a real swarm (lab-1, one manager), through the services the
// actions call: a stack file that asks for the host in any of these ways is refused to an operator,
// with an audit row, and nothing of it reaches the engine; an accepted stack cannot be redeployed
// or rolled back into one that asks for more, nor a service rolled back to a spec that does.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { toErrorPayload } from '@/lib/errors.ts';
import { serviceFormSchema } from '@/lib/schemas/services.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { rollbackStack } from '@/lib/services/stacks/stack-revisions.ts';
import { createSwarmService, readService, removeSwarmService, rollbackService } from '@/lib/services/swarm-services/manage-services.ts';
import { createTestDeps, labState, seedUser, type TestDeps } from '../support/integration.ts';
import { oneManagerSwarm, refusal } from '../support/security-lab.ts';
import { leaveAllSwarms } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const l1 = lab.hosts[0];
const allLab = lab.hosts.slice(0, 3).map((h) => h.socket);
const docker = new Dockerode({ socketPath: l1.socket });
let deps: TestDeps;
let inventory: Inventory;
let admin: Actor;
let operator: Actor;
let swarmId: string;

type ServiceSpec = { Name: string; TaskTemplate: { ContainerSpec: { CapabilityAdd?: string[]; Mounts?: unknown[] } } };
type EngineService = { ID: string; Version: { Index: number }; Spec: ServiceSpec };

/** A stack file with one service `x`, plus `extra` lines in it (and what follows them). */
const withService = (extra = '') => `services:\n  x:\n    image: ${lab.image}\n    command: ["sleep", "3600"]\n${extra}`;
const deploy = (actor: Actor, stackName: string, composeText: string) => deployStack(deps, actor, { swarmId, stackName, composeText, variables: {}, files: {} });
const servicesOf = async (stack: string) => (await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })) as unknown as EngineService[];
const deniedDeploys = (stackName: string) => deps.db.auditEntry.count({ where: { actorId: operator.id, action: 'stack.deploy', result: 'denied', targetName: stackName } });

beforeAll(async () => {
  deps = await createTestDeps('security_policy');
  admin = (await seedUser(deps.db, 'admin')).actor;
  operator = (await seedUser(deps.db, 'operator')).actor;
  ({ swarmId, inventory } = await oneManagerSwarm(deps, admin, l1, allLab));
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms(allLab);
  await deps?.close();
}, 120_000);

const REFUSED: { stack: string; what: string; file: string }[] = [
  { stack: 'c4-volume', what: '4: a named volume of the local driver with type none, o bind, device /', file: `${withService('    volumes: ["root:/h"]\n')}volumes:\n  root:\n    driver_opts: {type: none, o: bind, device: /}\n` },
  { stack: 'c5-cap-all', what: '5: cap_add ALL', file: withService('    cap_add: [ALL]\n') },
  { stack: 'c5-cap-sys-admin', what: '5: cap_add SYS_ADMIN', file: withService('    cap_add: [SYS_ADMIN]\n') },
  { stack: 'c5-seccomp', what: '5: security_opt seccomp:unconfined', file: withService('    security_opt: ["seccomp:unconfined"]\n') },
  { stack: 'c5-apparmor', what: '5: security_opt apparmor=unconfined', file: withService('    security_opt: ["apparmor=unconfined"]\n') },
  { stack: 'c6-net', what: '6: network_mode host', file: withService('    network_mode: host\n') },
  { stack: 'c6-pid', what: '6: pid host', file: withService('    pid: host\n') },
  { stack: 'c6-ipc', what: '6: ipc host', file: withService('    ipc: host\n') },
  { stack: 'c6-userns', what: '6: userns_mode host', file: withService('    userns_mode: host\n') },
  { stack: 'c6-borrowed', what: '6: network_mode container:<another container>', file: withService('    network_mode: "container:4f2a9c1b7d3e"\n') },
  { stack: 'c7-devices', what: '7: devices', file: withService('    devices: ["/dev/sda:/dev/sda"]\n') },
  { stack: 'c7-sysctls', what: '7: sysctls', file: withService('    sysctls: {net.ipv4.ip_forward: 1}\n') },
  { stack: 'c7-cgroup', what: '7: cgroup_parent', file: withService('    cgroup_parent: /system.slice\n') },
  { stack: 'c9-privileged', what: '9: privileged', file: withService('    privileged: true\n') },
  { stack: 'c9-bind-short', what: '9: /:/host', file: withService('    volumes: ["/:/host"]\n') },
  { stack: 'c9-bind-long', what: '9: a long-syntax bind of /', file: withService('    volumes:\n      - {type: bind, source: /, target: /host}\n') },
  { stack: 'c9-socket', what: '9: the engine socket as /var/run/../run/docker.sock', file: withService('    volumes: ["/var/run/../run/docker.sock:/s"]\n') },
];

describe('4–7, 9. a stack file that asks for the host', () => {
  it.each(REFUSED)('case $what: refused to an operator, audited, nothing on the engine', async ({ stack, file }) => {
    const error = await refusal(deploy(operator, stack, file));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/asks for more than your role allows/);
    expect(await deniedDeploys(stack)).toBe(1);
    expect(await servicesOf(stack)).toEqual([]);
    expect(await deps.db.stackRevision.count({ where: { stackName: stack } })).toBe(0);
  });

  it('9: env_file or include reaching outside the stack is refused at its line, and nothing is deployed', async () => {
    const outside = await refusal(deploy(operator, 'c9-env-file', withService('    env_file: ../outside.env\n')));
    expect(outside.code).toBe('INVALID_INPUT');
    expect(toErrorPayload(outside, 'en').problems?.map((p) => p.message)).toEqual([expect.stringMatching(/env_file "\.\.\/outside\.env": "\.\." is not allowed/)]);
    const include = await refusal(deploy(operator, 'c9-include', `include: [../other.yml]\n${withService()}`));
    expect(toErrorPayload(include, 'en').problems?.map((p) => p.message)).toEqual(['unknown key "include" in the top level']);
    expect([...(await servicesOf('c9-env-file')), ...(await servicesOf('c9-include'))]).toEqual([]);
  });

  it('an administrator may deploy what an operator may not', async () => {
    await deploy(admin, 'c5-admin-caps', withService('    cap_add: [SYS_ADMIN]\n'));
    const [service] = await servicesOf('c5-admin-caps');
    expect(service.Spec.TaskTemplate.ContainerSpec.CapabilityAdd).toEqual(['CAP_SYS_ADMIN']);
  }, 60_000);
});

describe('8. updates are judged like creates', () => {
  it('an operator\'s accepted stack cannot be redeployed with capabilities, unconfined seccomp or a bind of /', async () => {
    await deploy(operator, 'c8-grow', withService());
    const [before] = await servicesOf('c8-grow');
    for (const extra of ['    cap_add: [SYS_ADMIN]\n', '    security_opt: ["seccomp=unconfined"]\n', '    volumes: ["/:/host"]\n']) {
      expect((await refusal(deploy(operator, 'c8-grow', withService(extra)))).code).toBe('FORBIDDEN');
    }
    expect(await deniedDeploys('c8-grow')).toBe(3);
    const [after] = await servicesOf('c8-grow');
    expect(after.Version.Index).toBe(before.Version.Index);
    expect(after.Spec).toEqual(before.Spec);
    expect(await deps.db.stackRevision.count({ where: { stackName: 'c8-grow' } })).toBe(1);
  }, 60_000);

  it('an operator cannot roll a stack back to a revision only an administrator could deploy', async () => {
    await deploy(admin, 'c8-back', withService('    cap_add: [SYS_ADMIN]\n'));
    await deploy(operator, 'c8-back', withService());
    const error = await refusal(rollbackStack(deps, operator, { swarmId, stackName: 'c8-back', toRevision: 1 }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/SYS_ADMIN/);
    const [service] = await servicesOf('c8-back');
    expect(service.Spec.TaskTemplate.ContainerSpec.CapabilityAdd).toBeUndefined();
    expect(await deps.db.stackRevision.count({ where: { stackName: 'c8-back' } })).toBe(2);
  }, 60_000);

  it('an operator cannot roll a service back to a spec that binds the host', async () => {
    const form = serviceFormSchema.parse({ swarmId, form: { name: 'c8-svc', image: lab.image, command: ['sleep', '3600'], mounts: [{ type: 'bind', source: '/', target: '/host', readOnly: true }] } }).form;
    const { id } = await createSwarmService(deps, admin, swarmId, form);
    // Changed outside Wharf (the docker CLI, say) to a harmless spec: the bind is now its previous spec.
    const current = (await docker.getService(id).inspect()) as EngineService;
    const harmless = structuredClone(current.Spec);
    delete harmless.TaskTemplate.ContainerSpec.Mounts;
    await docker.getService(id).update({ version: current.Version.Index, ...harmless });
    await waitFor(async () => (await readService(deps, swarmId, id)).hasPreviousSpec, { what: 'the previous spec' });

    const error = await refusal(rollbackService(deps, operator, { swarmId, serviceId: id }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/host path \//);
    expect(((await docker.getService(id).inspect()) as EngineService).Spec.TaskTemplate.ContainerSpec.Mounts).toBeUndefined();
    expect(await deps.db.auditEntry.count({ where: { actorId: operator.id, action: 'service.rollback', result: 'denied' } })).toBe(1);
    await removeSwarmService(deps, admin, { swarmId, serviceId: id, confirmName: 'c8-svc' });
  }, 60_000);
});
