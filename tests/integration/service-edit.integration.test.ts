// Editing a service on a one-node swarm of a lab engine: the create form prefilled from the running
// spec and changed (environment, ports, labels, resources), the diff before applying, the update
// (masked environment values and owner labels kept, audited with the fields changed); a workload
// policy refusal at its field; the version conflict when the service changes through the engine
// between read and apply; and the whole spec edited as YAML.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formStateFromSpec, toServiceInput, type ServiceFormState } from '@/components/services/service-form-state.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import { MASK } from '@/lib/models/containers/container-views.ts';
import { serviceEditSchema, serviceFormSchema } from '@/lib/schemas/services.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { editService, previewServiceEdit, readServiceForEdit, type ServiceEditSource } from '@/lib/services/swarm-services/edit-service.ts';
import { createTeam } from '@/lib/services/access/manage-teams.ts';
import { createSwarmService, moveService, removeSwarmService } from '@/lib/services/swarm-services/manage-services.ts';
import { labState, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';

const lab = labState();
const hosts = lab.hosts.slice(0, 1);
const docker = new Dockerode({ socketPath: hosts[0]!.socket });
let deps: TestDeps;
let inventory: Inventory;
let operator: Actor;
let teamId: string;
let swarmId: string;
let serviceId: string;

const quickToStop = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];
const PORT = 28431;

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}
const inspect = async () => (await docker.getService(serviceId).inspect()) as { Version: { Index: number }; Spec: { Labels: Record<string, string>; RollbackConfig?: { Parallelism?: number }; TaskTemplate: { ContainerSpec: { Image: string; Env?: string[]; Labels?: Record<string, string>; Healthcheck?: unknown }; Placement?: { Preferences?: unknown }; Resources?: { Limits?: { NanoCPUs?: number; MemoryBytes?: number } } }; EndpointSpec?: { Ports?: { TargetPort: number; PublishedPort: number }[] } } };

/** The edit as the browser sends it: the form prefilled from what was read, changed by `change`, through the schema. */
function formEdit(source: ServiceEditSource, change: (state: ServiceFormState) => ServiceFormState) {
  const built = toServiceInput(swarmId, change(formStateFromSpec(source.spec, source.networkNames)), String);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return serviceEditSchema.parse({ swarmId, serviceId, version: source.version, form: built.input.form });
}

beforeAll(async () => {
  await leaveAllSwarms(hosts.map((h) => h.socket));
  let admin: Actor;
  ({ deps, inventory, admin, operator, swarmId } = await swarmTestBed('service_edit', 'edit', hosts));
  const form = serviceFormSchema.parse({ swarmId, form: { name: 'editme', image: lab.image, command: quickToStop, env: [{ name: 'MODE', value: 'one' }, { name: 'TOKEN', value: 'tok-3f9a' }], labels: { tier: 'web' } } }).form;
  ({ id: serviceId } = await createSwarmService(deps, operator, swarmId, form));
  // Owned by a team: its labels must survive every edit.
  teamId = (await createTeam(deps, admin, { name: 'editors' })).id;
  await moveService(deps, admin, { swarmId, serviceId, owner: { teamId, everyone: false } });
}, 120_000);

afterAll(async () => {
  if (serviceId) await removeSwarmService(deps, operator, { swarmId, serviceId, confirmName: 'editme' }).catch(() => {});
  inventory?.stop();
  await leaveAllSwarms(hosts.map((h) => h.socket));
  await deps?.close();
}, 120_000);

describe('editing a service', () => {
  it('reads the spec with environment values masked, at its version', async () => {
    const source = await readServiceForEdit(deps, swarmId, serviceId);
    expect(source).toMatchObject({ id: serviceId, name: 'editme', version: (await inspect()).Version.Index, stack: null });
    expect(JSON.stringify(source.spec)).not.toContain('tok-3f9a');
    expect(formStateFromSpec(source.spec).env).toEqual([{ name: 'MODE', value: MASK }, { name: 'TOKEN', value: MASK }]);
  }, 30_000);

  it('previews and applies an edit of environment, ports, labels and resources; masked values, the image pin and the owner stay', async () => {
    const before = await inspect();
    const source = await readServiceForEdit(deps, swarmId, serviceId);
    const edit = formEdit(source, (s) => ({
      ...s,
      env: s.env.map((e) => (e.name === 'MODE' ? { ...e, value: 'two' } : e)),
      ports: [{ published: String(PORT), target: '80', protocol: 'tcp', mode: 'ingress' }],
      labels: [...s.labels, { key: 'stage', value: 'blue' }],
      cpus: '0.5',
      memoryMb: '64',
      preferences: 'node.labels.zone',
      rollbackParallelism: '2',
      healthCommand: 'true',
      healthInterval: '5',
    }));

    const { changes } = await previewServiceEdit(deps, edit);
    expect(changes.map((c) => c.path)).toEqual(expect.arrayContaining(['Labels.stage', 'TaskTemplate.ContainerSpec.Env', 'TaskTemplate.Resources.Limits.NanoCPUs', 'TaskTemplate.Resources.Limits.MemoryBytes', 'EndpointSpec.Ports']));
    // Nothing the form left as it was (zero delays the engine does not list, the image pin) shows as a change.
    expect(changes.map((c) => c.path).sort()).toEqual([
      'EndpointSpec.Ports', 'Labels.stage', 'RollbackConfig.Parallelism', 'TaskTemplate.ContainerSpec.Env', 'TaskTemplate.ContainerSpec.Healthcheck',
      'TaskTemplate.Placement.Preferences', 'TaskTemplate.Resources.Limits.MemoryBytes', 'TaskTemplate.Resources.Limits.NanoCPUs',
    ]);
    const env = changes.find((c) => c.path === 'TaskTemplate.ContainerSpec.Env')!;
    expect(env.after).toContain('MODE=two');
    expect(JSON.stringify(changes)).not.toContain('tok-3f9a');
    expect((await inspect()).Version.Index).toBe(before.Version.Index);

    const { fields } = await editService(deps, operator, edit);
    expect(fields).toEqual(expect.arrayContaining(['Labels.stage', 'TaskTemplate.ContainerSpec.Env', 'EndpointSpec.Ports']));
    const after = await inspect();
    expect(after.Spec.TaskTemplate.ContainerSpec.Env).toEqual(['MODE=two', 'TOKEN=tok-3f9a']);
    expect(after.Spec.EndpointSpec?.Ports?.[0]).toMatchObject({ TargetPort: 80, PublishedPort: PORT });
    expect(after.Spec.Labels).toMatchObject({ tier: 'web', stage: 'blue', 'wharf.owner.team': teamId });
    expect(after.Spec.TaskTemplate.ContainerSpec.Labels).toEqual(before.Spec.TaskTemplate.ContainerSpec.Labels);
    expect(after.Spec.TaskTemplate.Resources?.Limits).toEqual({ NanoCPUs: 5e8, MemoryBytes: 64 * 1024 * 1024 });
    expect(after.Spec.TaskTemplate.ContainerSpec.Image).toBe(before.Spec.TaskTemplate.ContainerSpec.Image);
    expect(after.Spec.TaskTemplate.ContainerSpec.Healthcheck).toEqual({ Test: ['CMD', 'true'], Interval: 5e9 });
    expect(after.Spec.TaskTemplate.Placement?.Preferences).toEqual([{ Spread: { SpreadDescriptor: 'node.labels.zone' } }]);
    expect(after.Spec.RollbackConfig?.Parallelism).toBe(2);

    const row = await deps.db.auditEntry.findFirst({ where: { action: 'service.edit', result: 'succeeded' }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ targetId: serviceId, targetName: 'editme' });
    expect(row?.message).toContain('TaskTemplate.ContainerSpec.Env');
    expect(row?.message).not.toContain('two');
  }, 60_000);

  it("refuses what the workload policy forbids at the form's field, audited, and applies nothing", async () => {
    const before = await inspect();
    const source = await readServiceForEdit(deps, swarmId, serviceId);
    const edit = formEdit(source, (s) => ({ ...s, mounts: [{ type: 'bind', source: '/', target: '/host', readOnly: true }] }));
    const error = await failure(editService(deps, operator, edit));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.fieldErrors?.['form.mounts.0.source']?.join(' ')).toMatch(/\//);
    expect(await deps.db.auditEntry.count({ where: { action: 'service.edit', result: 'denied' } })).toBe(1);
    expect((await inspect()).Version.Index).toBe(before.Version.Index);
  }, 60_000);

  it('refuses an edit of a service changed underneath (version conflict), and applies nothing', async () => {
    const source = await readServiceForEdit(deps, swarmId, serviceId);
    const edit = formEdit(source, (s) => ({ ...s, labels: [...s.labels, { key: 'mine', value: 'yes' }] }));
    // Someone else changes the service through the engine between the read and the apply.
    const now = await inspect();
    await docker.getService(serviceId).update({ version: now.Version.Index, ...now.Spec, Labels: { ...now.Spec.Labels, theirs: 'yes' } });

    expect((await failure(previewServiceEdit(deps, edit))).code).toBe('CONFLICT');
    const error = await failure(editService(deps, operator, edit));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/changed after you opened it/);
    const after = await inspect();
    expect(after.Spec.Labels).toMatchObject({ theirs: 'yes' });
    expect(after.Spec.Labels).not.toHaveProperty('mine');
    // Read again, the edit applies; the fresh read shows what changed underneath.
    const fresh = await readServiceForEdit(deps, swarmId, serviceId);
    expect((fresh.spec.Labels as Record<string, string>).theirs).toBe('yes');
    await editService(deps, operator, { ...edit, version: fresh.version, form: { ...edit.form!, labels: { ...edit.form!.labels, theirs: 'yes' } } });
    expect((await inspect()).Spec.Labels).toMatchObject({ mine: 'yes', theirs: 'yes' });
  }, 60_000);

  it('applies the whole spec edited as YAML, keeping masked values; a rename or a new owner is not taken', async () => {
    const source = await readServiceForEdit(deps, swarmId, serviceId);
    const spec = structuredClone(source.spec) as { Name: string; Labels: Record<string, string>; Mode: { Replicated: { Replicas: number } } };
    spec.Labels = { ...spec.Labels, via: 'yaml', 'wharf.owner.team': 'someone-else' };
    spec.Mode = { Replicated: { Replicas: 2 } };
    const edit = serviceEditSchema.parse({ swarmId, serviceId, version: source.version, spec });
    const { changes } = await previewServiceEdit(deps, edit);
    expect(changes.map((c) => c.path).sort()).toEqual(['Labels.via', 'Mode']);
    await editService(deps, operator, edit);
    const after = await inspect();
    expect(after.Spec.Labels.via).toBe('yaml');
    expect(after.Spec.Labels['wharf.owner.team']).toBe(teamId);
    expect(after.Spec.TaskTemplate.ContainerSpec.Env).toEqual(['MODE=two', 'TOKEN=tok-3f9a']);

    const renamed = serviceEditSchema.parse({ swarmId, serviceId, version: after.Version.Index, spec: { ...spec, Name: 'other' } });
    expect((await failure(editService(deps, operator, renamed))).code).toBe('INVALID_INPUT');
  }, 60_000);
});
