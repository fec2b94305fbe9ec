// Swarm services, secrets, configs and networks on three real engines: create from the form,
// scale, a rolling image update with progress, rollback, force redeploy, removal with checks,
// and the workload policy on create.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import { serviceFormSchema } from '@/lib/schemas/services.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { createSwarmService, forceRedeploy, listSwarmServices, readService, removeSwarmService, rollbackService, scaleService, updateServiceImage } from '@/lib/services/swarm-services/manage-services.ts';
import { createOverlayNetwork, createSwarmObject, listSwarmNetworks, listSwarmObjects, removeSwarmObject, revealConfig } from '@/lib/services/swarm-services/swarm-objects.ts';
import { labState, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const hosts = lab.hosts.slice(0, 3);
let deps: TestDeps;
let inventory: Inventory;
let admin: Actor;
let operator: Actor;
let swarmId: string;

// A task that stops on SIGTERM (a bare `sleep` as PID 1 ignores it and waits out the 10 s grace).
const quickToStop = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];
const form = (over: Record<string, unknown>) => serviceFormSchema.parse({ swarmId: 'a'.repeat(25), form: { image: lab.image, command: quickToStop, ...over } }).form;

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  await leaveAllSwarms(hosts.map((h) => h.socket));
  // A second tag of the lab image on every engine, for a rolling update without a registry.
  for (const h of hosts) await new Dockerode({ socketPath: h.socket }).getImage(lab.image).tag({ repo: 'local/busybox', tag: 'v2' });
  ({ deps, inventory, admin, operator, swarmId } = await swarmTestBed('services', 'svc', hosts));
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms(hosts.map((h) => h.socket));
  await deps?.close();
}, 120_000);

const running = async (serviceId: string) => (await readService(deps, swarmId, serviceId)).tasks.filter((t) => t.state === 'running' && t.desiredState === 'running');

describe('services', () => {
  let id: string;

  it('creates a service from the form and lists it with its tasks and nodes', async () => {
    ({ id } = await createSwarmService(deps, operator, swarmId, form({ name: 'api', replicas: 2, labels: { team: 'a' }, update: { parallelism: 1, delaySeconds: 0, failureAction: 'pause', order: 'stop-first' } })));
    await waitFor(async () => (await running(id)).length === 2, { timeoutMs: 60_000, what: 'two running tasks' });
    const row = (await listSwarmServices(deps, swarmId)).services.find((s) => s.name === 'api');
    expect(row).toMatchObject({ id, mode: 'replicated', replicas: 2, running: 2, desired: 2, image: lab.image, stack: null });
    const detail = await readService(deps, swarmId, id);
    expect(detail.tasks.every((t) => t.hostname?.startsWith('lab-'))).toBe(true);
    const duplicate = await failure(createSwarmService(deps, operator, swarmId, form({ name: 'api' })));
    expect(duplicate.code).toBe('CONFLICT');
  }, 90_000);

  it('scales', async () => {
    await scaleService(deps, operator, { swarmId, serviceId: id, replicas: 4 });
    await waitFor(async () => (await running(id)).length === 4, { timeoutMs: 60_000, what: 'four running tasks' });
  }, 90_000);

  it('updates the image with a rolling update whose progress reaches the end, then rolls back', async () => {
    await updateServiceImage(deps, operator, { swarmId, serviceId: id, image: 'local/busybox:v2' });
    const seen = new Set<string>();
    const done = await waitFor(async () => {
      const row = (await readService(deps, swarmId, id)).service;
      if (row.update) seen.add(`${row.update.state}:${row.update.updated}/${row.update.total}`);
      return row.update?.state === 'completed' ? row : null;
    }, { timeoutMs: 90_000, intervalMs: 200, what: 'update completed' });
    expect(done.image).toBe('local/busybox:v2');
    expect(done.update).toMatchObject({ updated: 4, total: 4 });
    expect([...seen].some((s) => s.startsWith('updating:'))).toBe(true);
    expect((await running(id)).every((t) => t.image === 'local/busybox:v2')).toBe(true);

    await rollbackService(deps, operator, { swarmId, serviceId: id });
    await waitFor(async () => (await readService(deps, swarmId, id)).service.image === lab.image, { timeoutMs: 60_000, what: 'image rolled back' });
  }, 180_000);

  it('force redeploys: every task is replaced', async () => {
    const before = new Set((await running(id)).map((t) => t.id));
    await forceRedeploy(deps, operator, { swarmId, serviceId: id });
    await waitFor(async () => {
      const now = await running(id);
      return now.length === 4 && now.every((t) => !before.has(t.id));
    }, { timeoutMs: 90_000, what: 'all tasks replaced' });
  }, 120_000);

  it('refuses an operator a service that bind-mounts the host, audited; an administrator may', async () => {
    const risky = form({ name: 'risky', mounts: [{ type: 'bind', source: '/', target: '/host', readOnly: true }] });
    const error = await failure(createSwarmService(deps, operator, swarmId, risky));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/host path \//);
    expect(await deps.db.auditEntry.count({ where: { action: 'service.create', result: 'denied' } })).toBe(1);
    expect((await listSwarmServices(deps, swarmId)).services.map((s) => s.name)).not.toContain('risky');
    const created = await createSwarmService(deps, admin, swarmId, risky);
    await removeSwarmService(deps, admin, { swarmId, serviceId: created.id, confirmName: 'risky' });
  }, 60_000);

  it('removes a service only when its name is typed', async () => {
    const error = await failure(removeSwarmService(deps, operator, { swarmId, serviceId: id, confirmName: 'ap' }));
    expect(error.fieldErrors?.confirmName).toBeDefined();
    await removeSwarmService(deps, operator, { swarmId, serviceId: id, confirmName: 'api' });
    expect((await listSwarmServices(deps, swarmId)).services.map((s) => s.name)).not.toContain('api');
  }, 60_000);
});

describe('secrets, configs and networks', () => {
  it('keeps secret values to itself, reveals config content on request, and refuses to remove what a service uses', async () => {
    const secret = await createSwarmObject(deps, operator, { swarmId, kind: 'secret', name: 'db-pass', data: 'hunter22', labels: {} });
    const config = await createSwarmObject(deps, operator, { swarmId, kind: 'config', name: 'app.conf', data: 'port=80\n', labels: { env: 'lab' } });
    const network = await createOverlayNetwork(deps, operator, { swarmId, name: 'backend', attachable: true, internal: false, encrypted: true, subnet: '10.30.0.0/24' });

    const secrets = await listSwarmObjects(deps, swarmId, 'secret');
    expect(secrets.find((s) => s.name === 'db-pass')).toMatchObject({ id: secret.id, usedBy: [] });
    expect(JSON.stringify(secrets)).not.toContain('hunter22');
    const listed = (await listSwarmObjects(deps, swarmId, 'config')).find((c) => c.name === 'app.conf');
    expect(listed).toMatchObject({ id: config.id, labels: { env: 'lab' } });
    expect(listed).not.toHaveProperty('data');
    expect(await revealConfig(deps, operator, { swarmId, id: config.id })).toEqual({ name: 'app.conf', data: 'port=80\n' });
    expect((await listSwarmNetworks(deps, swarmId)).find((n) => n.name === 'backend')).toMatchObject({ id: network.id, driver: 'overlay', attachable: true, encrypted: true, subnets: ['10.30.0.0/24'] });

    const user = await createSwarmService(deps, operator, swarmId, form({ name: 'uses-all', secrets: [{ name: 'db-pass', target: '' }], configs: [{ name: 'app.conf', target: '/app.conf' }], networks: ['backend'] }));
    for (const [kind, objectId] of [['secret', secret.id], ['config', config.id], ['network', network.id]] as const) {
      const refused = await failure(removeSwarmObject(deps, operator, { swarmId, kind, id: objectId }));
      expect(refused.message).toContain('uses-all');
    }
    await removeSwarmService(deps, operator, { swarmId, serviceId: user.id, confirmName: 'uses-all' });
    await removeSwarmObject(deps, operator, { swarmId, kind: 'secret', id: secret.id });
    await removeSwarmObject(deps, operator, { swarmId, kind: 'config', id: config.id });
    await waitFor(async () => {
      try {
        await removeSwarmObject(deps, operator, { swarmId, kind: 'network', id: network.id });
        return true;
      } catch {
        return false;
      }
    }, { timeoutMs: 30_000, what: 'network removable once the tasks are gone' });
    expect((await listSwarmNetworks(deps, swarmId)).map((n) => n.name)).not.toContain('backend');
    const again = await failure(createSwarmObject(deps, operator, { swarmId, kind: 'secret', name: 'x', data: 'y', labels: {} }).then(() => createSwarmObject(deps, operator, { swarmId, kind: 'secret', name: 'x', data: 'y', labels: {} })));
    expect(again.code).toBe('CONFLICT');
  }, 120_000);
});
