// Pulling and deploying with a registry's credentials (issue 13): the engine is given the
// credentials Wharf keeps for the registry an image names (X-Registry-Auth) when the user may pull
// from it (`registry.pull` there), and a swarm hands them to every node that runs a task (what
// `docker stack deploy --with-registry-auth` does). Against the lab's htpasswd registry, which
// refuses anonymous pulls, on a swarm of the three lab engines; each test's image is pushed under a
// repository of its own, so no node has it cached. Last, Amazon ECR's login (the lab's stand-in for
// its API gives tokens good at the same htpasswd registry, as the user AWS) for a pull and a push.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { actorOfUser } from '@/lib/auth/actor-of-user.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { readPullJob, startImagePull, type PullJob } from '@/lib/services/containers/pull-image.ts';
import { startSwarmPull } from '@/lib/services/containers/pull-on-swarm.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { recreateContainer } from '@/lib/services/containers/recreate-container.ts';
import { startImagePush } from '@/lib/services/containers/push-image.ts';
import { clientOf } from '@/lib/services/registries/registry-rows.ts';
import { checkHostContainers, checkSwarmServices } from '@/lib/services/registries/check-workload-updates.ts';
import { createSwarmService, updateServiceImage } from '@/lib/services/swarm-services/manage-services.ts';
import { serviceFormSchema } from '@/lib/schemas/services.ts';
import { AppError } from '@/lib/errors.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { forwardLoopback, type LoopbackForward } from '@/scripts/lab/loopback-forward.ts';
import { labState, seedUser, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const [l1, l2, l3] = lab.hosts;
// The swarm's three engines (the lab may have more hosts: benchmarks grow it).
const engines = [l1, l2, l3].map((h) => new Dockerode({ socketPath: h.socket }));
const run = Math.random().toString(36).slice(2, 8);
let deps: TestDeps;
let inventory: Inventory;
let operator: Actor;
let helpdesk: Actor;
let deployerWithoutPull: Actor;
let swarmId: string;
let registryId: string;
let admin: Actor;

/** A fresh repository in the lab's htpasswd registry; answers the image reference engines pull. */
async function privateImage(name: string): Promise<string> {
  const repo = `lab/auth-${name}-${run}`;
  await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0');
  return `${lab.registry.url}/${repo}:1.0`;
}

/** Waits for a pull or a push (rows, run by the job queue) to end; the job given is brought up to date. */
async function finished<T extends PullJob>(job: T): Promise<T> {
  const ended = await waitFor(async () => {
    const read = await readPullJob(deps, { hostId: job.hostId, jobId: job.id });
    return read.finishedAt ? read : null;
  }, { timeoutMs: 60_000, what: `the pull of ${job.image} to end` });
  return Object.assign(job, ended);
}

type Task = { NodeID: string; Status: { State: string; Err?: string }; DesiredState: string };
const tasksOf = async (service: string) => (await engines[0].listTasks({ filters: JSON.stringify({ service: [service] }) })) as unknown as Task[];

/** A tar holding one executable file (what putArchive takes). */
function oneFileTar(name: string, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(512);
  const put = (value: string, at: number, len: number) => header.write(value.slice(0, len), at, len, 'ascii');
  put(name, 0, 100);
  put('0000755\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(body.length.toString(8).padStart(11, '0') + '\0', 124, 12);
  put('00000000000\0', 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  const sum = header.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, pad, Buffer.alloc(1024)]);
}

const globalStack = (image: string) => `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n    deploy:\n      mode: global\n`;

beforeAll(async () => {
  await leaveAllSwarms([l1.socket, l2.socket, l3.socket]);
  ({ deps, inventory, admin, operator, swarmId } = await swarmTestBed('registry_auth', 'regauth', [l1, l2, l3]));
  helpdesk = (await seedUser(deps.db, 'helpdesk')).actor;
  // May deploy stacks but not pull from a kept registry (a custom role): the deploy's worker, which
  // authorizes the deploy again from the user's grants, sends the swarm no credentials for them.
  const noPull = await seedUser(deps.db, 'none');
  const role = await deps.db.role.create({ data: { name: `deploy-no-pull-${run}`, permissions: ['swarm.view', 'stack.view', 'stack.deploy', 'service.view', 'service.manage'] } });
  await deps.db.grant.create({ data: { userId: noPull.id, roleId: role.id, scopeType: 'global' } });
  deployerWithoutPull = (await actorOfUser(deps.db, noPull.id, { sessionId: 'test-session', ip: '127.0.0.1' }))!;
  registryId = (await addRegistry(deps, admin, registryFormSchema.parse({ name: 'lab-private', kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password }))).id;
}, 180_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms([l1.socket, l2.socket, l3.socket]);
  for (const engine of engines) {
    // By tag, never by id: a pushed image shares its id with the lab's image, whose tags must stay.
    for (const image of (await engine.listImages()) as { RepoTags?: string[] | null; Id: string }[]) {
      for (const tag of image.RepoTags ?? []) if (tag.includes(`-${run}:`)) await engine.getImage(tag).remove().catch(() => {});
    }
  }
  await deps?.close();
}, 120_000);

describe('pulling a private image onto a host', () => {
  it("uses the kept credentials for a user who may pull from the registry, and pulls anonymously (the registry refuses) for one who may not", async () => {
    const image = await privateImage('pull');
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });

    const refused = await finished(await startImagePull(deps, helpdesk, { hostId: host.id, image }));
    expect(refused.registry).toBeNull();
    expect(refused.progress.state).toBe('failed');
    expect(localizeText(refused.progress.error ?? '', 'en')).toMatch(/credentials|unauthorized|authentication required/i);
    await expect(engines[0].getImage(image).inspect()).rejects.toThrow();

    const pulled = await finished(await startImagePull(deps, operator, { hostId: host.id, image }));
    expect(pulled.registry).toBe('lab-private');
    expect(pulled.progress.state).toBe('succeeded');
    expect((await engines[0].getImage(image).inspect()).RepoTags).toContain(image);
  }, 180_000);
});

describe('pulling a private image onto every node of a swarm', () => {
  it('starts one pull per node, each with the kept credentials, and the image lands on every engine', async () => {
    const image = await privateImage('swarm');
    const pull = await startSwarmPull(deps, operator, { swarmId, image });
    expect(pull.jobs.map((j) => j.hostName)).toEqual([l1.name, l2.name, l3.name].sort());
    expect(pull).toMatchObject({ down: [], unregistered: [], refused: [] });
    for (const job of pull.jobs) {
      await finished(job);
      expect(job.registry).toBe('lab-private');
      expect(job.progress.state, job.progress.error ?? '').toBe('succeeded');
    }
    for (const engine of engines) expect((await engine.getImage(image).inspect()).RepoTags).toContain(image);
  }, 180_000);

  it('leaves out the hosts the user may not change, and says so', async () => {
    const hosts = await deps.db.host.findMany({ where: { name: { in: [l1.name, l2.name, l3.name] } } });
    const onlyL1: Actor = { ...operator, grants: [{ role: 'operator', scope: { type: 'host', id: hosts.find((h) => h.name === l1.name)!.id } }] };
    const pull = await startSwarmPull(deps, onlyL1, { swarmId, image: await privateImage('scoped') });
    expect(pull.jobs.map((j) => j.hostName)).toEqual([l1.name]);
    expect(pull.refused.sort()).toEqual([l2.name, l3.name].sort());
    await finished(pull.jobs[0]);
  }, 180_000);
});

describe('deploying a stack from a private registry', () => {
  it('without credentials no node can pull the image: every task is rejected', async () => {
    const image = await privateImage('anon');
    const result = await deployStack(deps, deployerWithoutPull, { swarmId, stackName: `anon${run}`, composeText: globalStack(image), variables: {}, files: {} });
    expect(result.registries).toEqual([]);
    const tasks = await waitFor(async () => {
      const all = await tasksOf(`anon${run}_app`);
      return all.length >= 3 && all.every((t) => t.Status.State === 'rejected') ? all : null;
    }, { timeoutMs: 120_000, what: 'every node to reject the task' });
    expect(tasks[0].Status.Err).toMatch(/No such image|credentials|unauthorized/i);
  }, 180_000);

  it('sends the credentials with the services, so the task runs on every node', async () => {
    const image = await privateImage('auth');
    const result = await deployStack(deps, operator, { swarmId, stackName: `auth${run}`, composeText: globalStack(image), variables: {}, files: {} });
    expect(result.registries).toEqual(['lab-private']);
    const running = await waitFor(async () => {
      const all = (await tasksOf(`auth${run}_app`)).filter((t) => t.Status.State === 'running');
      return new Set(all.map((t) => t.NodeID)).size === 3 ? all : null;
    }, { timeoutMs: 120_000, what: 'the task to run on all three nodes' });
    expect(running).toHaveLength(3);
    for (const engine of engines) expect((await engine.getImage(image).inspect()).RepoTags).toContain(image);
  }, 180_000);
});

describe('an update available after a new image is pushed under the same tag', () => {
  const networkName = `upd-${run}`;
  const workloadNetwork = async () => {
    const have = await engines[0].listNetworks({ filters: JSON.stringify({ name: [networkName] }) });
    if (!have.some((n) => n.Name === networkName)) await engines[0].createNetwork({ Name: networkName, Driver: 'bridge' });
    return networkName;
  };
  afterAll(async () => {
    await engines[0].getNetwork(networkName).remove().catch(() => {});
  });
  const inspectDigests = async (engine: Dockerode, ref: string) => ((await engine.getImage(ref).inspect()).RepoDigests ?? []) as string[];

  it('is detected for a service pinned to the old digest, and the rolling update to the new digest leaves it current', async () => {
    const repo = `lab/upd-svc-${run}`;
    const reg = basicRegistry(lab.registry);
    const first = await pushLabImage(lab, reg, repo, '1.0', 'first');
    const image = `${lab.registry.url}/${repo}:1.0`;
    const form = serviceFormSchema.parse({ swarmId: 'a'.repeat(25), form: { name: `upd${run}`, image: `${image}@${first}`, command: ['sleep', '3600'], replicas: 1 } }).form;
    const { id } = await createSwarmService(deps, operator, swarmId, form);

    expect((await checkSwarmServices(deps, operator, { swarmId }))[id]).toEqual({ state: 'current', image: `${image}@${first}`, digest: first });

    const second = await pushLabImage(lab, reg, repo, '1.0', 'second');
    expect(second).not.toBe(first);
    // The registry's answer is kept a minute: within it the check still says current; asking afresh
    // (what applying an update does) finds the new digest, and the checks after see it.
    const stale = (await checkSwarmServices(deps, operator, { swarmId, serviceId: id }))[id];
    expect(stale.state).toBe('current');
    const { latestDigest } = await import('@/lib/services/registries/check-image-updates.ts');
    const latest = await latestDigest(deps, operator, { registry: lab.registry.url, repository: repo, tag: '1.0' }, { fresh: true });
    expect(latest).toEqual({ digest: second });
    const check = (await checkSwarmServices(deps, operator, { swarmId, serviceId: id }))[id];
    expect(check).toEqual({ state: 'available', image: `${image}@${first}`, running: first, latest: second, target: `${image}@${second}` });

    await updateServiceImage(deps, operator, { swarmId, serviceId: id, image: check.state === 'available' ? check.target : '' });
    const task = await waitFor(async () => {
      const all = (await tasksOf(id)).filter((t) => t.DesiredState === 'running' && t.Status.State === 'running') as (Task & { Spec: { ContainerSpec: { Image: string } } })[];
      return all.find((t) => t.Spec.ContainerSpec.Image === `${image}@${second}`) ?? null;
    }, { timeoutMs: 120_000, what: 'a task on the new digest to run' });
    expect(task.Status.State).toBe('running');
    expect((await checkSwarmServices(deps, operator, { swarmId, serviceId: id }))[id]).toMatchObject({ state: 'current', digest: second });
    await engines[0].getService(id).remove();
  }, 240_000);

  it("asks with the registry's credentials only for a user who may pull there: another gets no answer they obtained", async () => {
    const repo = `lab/upd-who-${run}`;
    const digest = await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0', 'who');
    const image = `${lab.registry.url}/${repo}:1.0@${digest}`;
    const form = serviceFormSchema.parse({ swarmId: 'a'.repeat(25), form: { name: `who${run}`, image, command: ['sleep', '3600'], replicas: 0 } }).form;
    const { id } = await createSwarmService(deps, operator, swarmId, form);
    try {
      expect((await checkSwarmServices(deps, operator, { swarmId, serviceId: id }))[id]).toMatchObject({ state: 'current', digest });
      // The operator's answer is kept a minute, but not for helpdesk (no registry.pull): asked anonymously, the registry refuses.
      const other = (await checkSwarmServices(deps, helpdesk, { swarmId, serviceId: id }))[id];
      expect(other.state).toBe('unknown');
      expect(other.state === 'unknown' && renderMessage(other.reason, 'en')).toMatch(/could not say which image/);
    } finally {
      await engines[0].getService(id).remove();
    }
  }, 120_000);

  it('recreating runs the configuration again: the workload policy refuses an operator a container they could not have created, and nothing changes', async () => {
    const repo = `lab/upd-policy-${run}`;
    const reg = basicRegistry(lab.registry);
    const image = `${lab.registry.url}/${repo}:1.0`;
    await pushLabImage(lab, reg, repo, '1.0', 'first');
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });
    await finished(await startImagePull(deps, operator, { hostId: host.id, image }));
    const old = await engines[0].createContainer({ name: `upd-policy-${run}`, Image: image, Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: 'host' } });
    await old.start();
    try {
      await pushLabImage(lab, reg, repo, '1.0', 'second');
      const refused = await recreateContainer(deps, operator, { hostId: host.id, containerId: old.id }).catch((e: unknown) => e);
      expect((refused as AppError).code).toBe('FORBIDDEN');
      expect((refused as AppError).message).toMatch(/Joining the host network/);
      const still = await old.inspect();
      expect(still.State.Running).toBe(true);
      expect(still.Name).toBe(`/upd-policy-${run}`);
    } finally {
      await old.remove({ force: true });
    }
  }, 120_000);

  it('a service Wharf creates is pinned to the digest the registry has for its tag, and a new image pushed under the tag shows an update', async () => {
    const repo = `lab/upd-pin-${run}`;
    const reg = basicRegistry(lab.registry);
    const first = await pushLabImage(lab, reg, repo, '1.0', 'first');
    const image = `${lab.registry.url}/${repo}:1.0`;
    const form = serviceFormSchema.parse({ swarmId: 'a'.repeat(25), form: { name: `pin${run}`, image, command: ['sleep', '3600'], replicas: 1 } }).form;
    const { id, pin } = await createSwarmService(deps, operator, swarmId, form);
    try {
      expect(pin).toEqual({ image: `${image}@${first}`, pinned: first });
      expect((await engines[0].getService(id).inspect()).Spec.TaskTemplate.ContainerSpec.Image).toBe(`${image}@${first}`);
      expect((await checkSwarmServices(deps, operator, { swarmId, serviceId: id }))[id]).toEqual({ state: 'current', image: `${image}@${first}`, digest: first });

      const second = await pushLabImage(lab, reg, repo, '1.0', 'second');
      const { latestDigest } = await import('@/lib/services/registries/check-image-updates.ts');
      expect(await latestDigest(deps, operator, { registry: lab.registry.url, repository: repo, tag: '1.0' }, { fresh: true })).toEqual({ digest: second });
      expect((await checkSwarmServices(deps, operator, { swarmId, serviceId: id }))[id]).toEqual({ state: 'available', image: `${image}@${first}`, running: first, latest: second, target: `${image}@${second}` });
    } finally {
      await engines[0].getService(id).remove();
    }
  }, 240_000);

  it('a service whose registry cannot be reached is created on its tag with no pin, and the answer says why', async () => {
    // Nothing listens on this port of the lab's gateway: the registry cannot say which digest the tag names.
    const image = `${lab.registry.host}:5999/lab/nowhere-${run}:1.0`;
    const form = serviceFormSchema.parse({ swarmId: 'a'.repeat(25), form: { name: `nopin${run}`, image, command: ['sleep', '3600'], replicas: 0 } }).form;
    const { id, pin } = await createSwarmService(deps, operator, swarmId, form);
    try {
      expect(pin.pinned).toBeNull();
      expect('reason' in pin && renderMessage(pin.reason, 'en')).toMatch(new RegExp(`^${image.replace(/[.]/g, '\\.')} is not pinned to a digest: ${lab.registry.host.replace(/[.]/g, '\\.')}:5999 could not say which image the tag names now \\(.+\\)`));
      expect((await engines[0].getService(id).inspect()).Spec.TaskTemplate.ContainerSpec.Image).toBe(image);
    } finally {
      await engines[0].getService(id).remove();
    }
  }, 120_000);

  it('says why a service not pinned to a digest cannot be checked, and a task container points to its service', async () => {
    // Created as `docker service create --no-resolve-image` would: on the tag, no digest.
    const repo = `lab/upd-unpinned-${run}`;
    await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0');
    const authconfig = { username: lab.registry.username, password: lab.registry.password, serveraddress: lab.registry.url };
    const created = await engines[0].createService(authconfig, { Name: `unpinned${run}`, TaskTemplate: { ContainerSpec: { Image: `${lab.registry.url}/${repo}:1.0`, Command: ['sleep', '3600'] } }, Mode: { Replicated: { Replicas: 1 } } });
    const id = created.id;
    const check = (await checkSwarmServices(deps, operator, { swarmId, serviceId: id }))[id];
    expect(check.state).toBe('unknown');
    expect(check.state === 'unknown' && renderMessage(check.reason, 'en')).toMatch(/not pinned to a digest/);

    const taskContainer = await waitFor(async () => {
      for (const [i, engine] of engines.entries()) {
        const [c] = await engine.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.id=${id}`] }) });
        if (c) return { host: [l1, l2, l3][i].name, id: c.Id };
      }
      return null;
    }, { timeoutMs: 120_000, what: 'the task container to exist' });
    const host = await deps.db.host.findFirstOrThrow({ where: { name: taskContainer.host } });
    expect((await checkHostContainers(deps, operator, { hostId: host.id, containerId: taskContainer.id }))[taskContainer.id]).toEqual({ state: 'task', service: `unpinned${run}` });
    const refused = await recreateContainer(deps, operator, { hostId: host.id, containerId: taskContainer.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(new RegExp(`task of service unpinned${run}`));
    await engines[0].getService(id).remove();
  }, 240_000);

  it('is detected for a standalone container, and recreating it runs the new digest with the same configuration and name', async () => {
    const repo = `lab/upd-ctr-${run}`;
    const reg = basicRegistry(lab.registry);
    const image = `${lab.registry.url}/${repo}:1.0`;
    await pushLabImage(lab, reg, repo, '1.0', 'first');
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });
    const pulled = await finished(await startImagePull(deps, operator, { hostId: host.id, image }));
    expect(pulled.progress.state, pulled.progress.error ?? '').toBe('succeeded');
    const name = `upd-ctr-${run}`;
    // On a network made for workloads (the default policy refuses the engine's own networks to an operator).
    const network = await workloadNetwork();
    const old = await engines[0].createContainer({ name, Image: image, Cmd: ['sleep', '3600'], Env: ['KEEP=me'], Labels: { 'org.wharf.test': run }, HostConfig: { NetworkMode: network }, NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: ['keeper'] } } } });
    await old.start();
    expect((await checkHostContainers(deps, operator, { hostId: host.id, containerId: old.id }))[old.id]).toMatchObject({ state: 'current' });

    // Nothing to recreate while the container runs the registry's image.
    const early = await recreateContainer(deps, operator, { hostId: host.id, containerId: old.id }).catch((e: unknown) => e);
    expect((early as AppError).code).toBe('CONFLICT');

    const second = await pushLabImage(lab, reg, repo, '1.0', 'second');
    const { latestDigest } = await import('@/lib/services/registries/check-image-updates.ts');
    await latestDigest(deps, operator, { registry: lab.registry.url, repository: repo, tag: '1.0' }, { fresh: true });
    expect((await checkHostContainers(deps, operator, { hostId: host.id, containerId: old.id }))[old.id]).toMatchObject({ state: 'available', latest: second });

    const result = await recreateContainer(deps, operator, { hostId: host.id, containerId: old.id });
    expect(result.digest).toBe(second);
    expect(result.message).toMatch(new RegExp(`${name} on ${l1.name} now runs the newer image`));
    const fresh = await engines[0].getContainer(result.containerId).inspect();
    expect(fresh.Name).toBe(`/${name}`);
    expect(fresh.State.Running).toBe(true);
    expect(fresh.Config.Env).toContain('KEEP=me');
    expect(fresh.Config.Labels['org.wharf.test']).toBe(run);
    expect(fresh.HostConfig.NetworkMode).toBe(network);
    expect(fresh.NetworkSettings.Networks[network].Aliases).toContain('keeper');
    expect(await inspectDigests(engines[0], fresh.Image)).toContain(`${lab.registry.url}/${repo}@${second}`);
    await expect(engines[0].getContainer(old.id).inspect()).rejects.toThrow(/no such container/i);
    expect((await checkHostContainers(deps, operator, { hostId: host.id, containerId: result.containerId }))[result.containerId]).toMatchObject({ state: 'current', digest: second });
    await engines[0].getContainer(result.containerId).remove({ force: true });
  }, 240_000);

  it('puts the old container back as it was when the new one cannot start', async () => {
    const repo = `lab/upd-back-${run}`;
    const reg = basicRegistry(lab.registry);
    const image = `${lab.registry.url}/${repo}:1.0`;
    await pushLabImage(lab, reg, repo, '1.0', 'first');
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });
    await finished(await startImagePull(deps, operator, { hostId: host.id, image }));
    const name = `upd-back-${run}`;
    // The command is a script written into this container's own filesystem: the old container runs
    // it, a new one (a fresh filesystem from the image) cannot start it.
    const old = await engines[0].createContainer({ name, Image: image, Cmd: ['/run-me'], HostConfig: { NetworkMode: await workloadNetwork() } });
    await old.putArchive(oneFileTar('run-me', '#!/bin/sh\nexec sleep 3600\n'), { path: '/' });
    await old.start();
    await pushLabImage(lab, reg, repo, '1.0', 'second');
    const { latestDigest } = await import('@/lib/services/registries/check-image-updates.ts');
    await latestDigest(deps, operator, { registry: lab.registry.url, repository: repo, tag: '1.0' }, { fresh: true });
    const before = await old.inspect();

    const failed = await recreateContainer(deps, operator, { hostId: host.id, containerId: old.id }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).message).toMatch(/could not start the new container.*the old container is back as it was/);
    const after = await engines[0].getContainer(old.id).inspect();
    expect(after.Name).toBe(`/${name}`);
    expect(after.State.Running).toBe(true);
    expect(after.Image).toBe(before.Image);
    const same = await engines[0].listContainers({ all: true, filters: JSON.stringify({ name: [`upd-back-${run}`] }) });
    expect(same.map((c) => c.Id)).toEqual([old.id]);
    await engines[0].getContainer(old.id).remove({ force: true });
  }, 240_000);
});

describe('pushing an image from a host to a registry', () => {
  it("tags a host image with the registry's name for it, pushes it with the kept credentials, and the registry lists the tag", async () => {
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });
    const repository = `lab/pushed-${run}`;
    const job = await startImagePush(deps, operator, { hostId: host.id, source: lab.image, registryId, repository, tag: '2.0' });
    expect(job.image).toBe(`${lab.registry.url}/${repository}:2.0`);
    await finished(job);
    expect(job.progress.state, job.progress.error ?? '').toBe('succeeded');
    expect(job.progress.percent).toBe(100);
    expect(job.progress.layers.length).toBeGreaterThan(0);
    const { client } = await clientOf(deps, registryId);
    expect((await client.tags(repository, 10, null)).tags).toEqual(['2.0']);
    expect((await engines[0].getImage(`${lab.registry.url}/${repository}:2.0`).inspect()).RepoDigests).toContain(`${lab.registry.url}/${repository}@${await client.digestOf(repository, '2.0')}`);
  }, 120_000);

  it('says the registry refused the kept credentials when they are wrong, and nothing is pushed', async () => {
    // The kept secret made a wrong one for this test (one registry row per address), put back after.
    const row = await deps.db.registry.findUniqueOrThrow({ where: { id: registryId } });
    const { sealRegistrySecret } = await import('@/lib/services/registries/registry-rows.ts');
    await deps.db.registry.update({ where: { id: registryId }, data: { secretSealed: sealRegistrySecret(deps.keyring, registryId, 'not-the-password') } });
    try {
      const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });
      const repository = `lab/refused-${run}`;
      const job = await finished(await startImagePush(deps, operator, { hostId: host.id, source: lab.image, registryId, repository, tag: '1.0' }));
      expect(job.progress.state).toBe('failed');
      expect(job.progress.error).toMatch(/lab-private refused the credentials Wharf keeps for it, so .* was not pushed/);
    } finally {
      await deps.db.registry.update({ where: { id: registryId }, data: { secretSealed: row.secretSealed } });
    }
    const { client } = await clientOf(deps, registryId);
    await expect(client.tags(`lab/refused-${run}`, 10, null)).rejects.toThrow(/not in the registry/);
  }, 120_000);
});

describe('a push to a repository the credentials may not write', () => {
  // The bearer-token registry's `reader` may only pull. The engines list only the htpasswd registry
  // as insecure, and reach any other over HTTPS alone, except on loopback (127.0.0.0/8 is insecure
  // by default): so the registry is reached at 127.0.0.1:PORT through plain TCP forwarders, one in
  // lab-1's network namespace for its engine and one in this process for Wharf. Registry, token
  // server and engine are the real ones; the forwarders only carry bytes.
  const PORT = 15906;
  const forwards: LoopbackForward[] = [];
  let readerId: string;

  beforeAll(async () => {
    const t = lab.tokenRegistry!;
    forwards.push(await forwardLoopback(PORT, t, l1.netns), await forwardLoopback(PORT, t));
    readerId = (await addRegistry(deps, admin, registryFormSchema.parse({ name: 'lab-bearer-reader', kind: 'v2-bearer', address: `127.0.0.1:${PORT}`, plainHttp: true, username: t.readerUsername, secret: t.readerPassword }))).id;
  }, 60_000);
  afterAll(async () => {
    if (readerId) await deps.db.registry.delete({ where: { id: readerId } }).catch(() => {});
    for (const f of forwards) await f.close();
    await engines[0].getImage(`127.0.0.1:${PORT}/lab/refused-${run}:1.0`).remove().catch(() => {});
  });

  it('is refused by the registry, said in words, and nothing is pushed', async () => {
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });
    const repository = `lab/refused-${run}`;
    const job = await finished(await startImagePush(deps, operator, { hostId: host.id, source: lab.image, registryId: readerId, repository, tag: '1.0' }));
    expect(job.progress.state).toBe('failed');
    expect(job.progress.error).toContain(`lab-bearer-reader refused the push to 127.0.0.1:${PORT}/${repository}:1.0: the credentials Wharf keeps for it may not write to that repository. (denied`);
    const { client } = await clientOf(deps, readerId);
    await expect(client.tags(repository, 10, null)).rejects.toThrow(/not in the registry|may not/);
  }, 120_000);
});

describe('pulling and pushing with an Amazon ECR login (the lab stand-in for its API)', () => {
  const before = process.env.WHARF_ECR_API_URL;
  let ecrId: string;
  beforeAll(async () => {
    process.env.WHARF_ECR_API_URL = lab.ecr!.url;
    // The stand-in's tokens are good at the htpasswd registry: its row gives way (an address is one registry in Wharf).
    await deps.db.registry.delete({ where: { id: registryId } });
    const e = lab.ecr!;
    ecrId = (await addRegistry(deps, admin, registryFormSchema.parse({ name: 'lab-ecr', kind: 'ecr', region: e.region, username: e.accessKeyId, secret: e.secretAccessKey }))).id;
  }, 60_000);
  afterAll(() => {
    if (before === undefined) delete process.env.WHARF_ECR_API_URL;
    else process.env.WHARF_ECR_API_URL = before;
  });

  it("pulls a private image with the token the key pair gets, sent as AWS's credentials", async () => {
    const image = await privateImage('ecr-pull');
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l2.name } });
    const pulled = await finished(await startImagePull(deps, operator, { hostId: host.id, image }));
    expect(pulled.progress.state, pulled.progress.error ?? '').toBe('succeeded');
    expect(pulled.registry).toBe('lab-ecr');
    expect((await engines[1].getImage(image).inspect()).RepoTags).toContain(image);
  }, 180_000);

  it('pushes an image from a host with the same login, and the registry lists the tag', async () => {
    const host = await deps.db.host.findFirstOrThrow({ where: { name: l1.name } });
    const repository = `lab/ecr-pushed-${run}`;
    const job = await finished(await startImagePush(deps, operator, { hostId: host.id, source: lab.image, registryId: ecrId, repository, tag: '1.0' }));
    expect(job.progress.state, job.progress.error ?? '').toBe('succeeded');
    const { client } = await clientOf(deps, ecrId);
    expect((await client.tags(repository, 10, null)).tags).toEqual(['1.0']);
  }, 120_000);
});
