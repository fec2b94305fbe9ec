// Pulling and deploying with a registry's credentials (issue 13): the engine is given the
// credentials Wharf keeps for the registry an image names (X-Registry-Auth) when the user may pull
// from it (`registry.pull` there), and a swarm hands them to every node that runs a task (what
// `docker stack deploy --with-registry-auth` does). Against the lab's htpasswd registry, which
// refuses anonymous pulls, on a swarm of the three lab engines; each test's image is pushed under a
// repository of its own, so no node has it cached.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { startImagePull, type PullJob } from '@/lib/services/containers/pull-image.ts';
import { startSwarmPull } from '@/lib/services/containers/pull-on-swarm.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { labState, seedUser, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const [l1, l2, l3] = lab.hosts;
const engines = lab.hosts.map((h) => new Dockerode({ socketPath: h.socket }));
const run = Math.random().toString(36).slice(2, 8);
let deps: TestDeps;
let inventory: Inventory;
let operator: Actor;
let helpdesk: Actor;
let swarmId: string;

/** A fresh repository in the lab's htpasswd registry; answers the image reference engines pull. */
async function privateImage(name: string): Promise<string> {
  const repo = `lab/auth-${name}-${run}`;
  await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0');
  return `${lab.registry.url}/${repo}:1.0`;
}

async function finished(job: PullJob): Promise<PullJob> {
  await waitFor(() => job.finishedAt !== null, { timeoutMs: 60_000, what: `the pull of ${job.image} to end` });
  return job;
}

type Task = { NodeID: string; Status: { State: string; Err?: string }; DesiredState: string };
const tasksOf = async (service: string) => (await engines[0].listTasks({ filters: JSON.stringify({ service: [service] }) })) as unknown as Task[];

const globalStack = (image: string) => `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n    deploy:\n      mode: global\n`;

beforeAll(async () => {
  await leaveAllSwarms([l1.socket, l2.socket, l3.socket]);
  let admin: Actor;
  ({ deps, inventory, admin, operator, swarmId } = await swarmTestBed('registry_auth', 'regauth', [l1, l2, l3]));
  helpdesk = (await seedUser(deps.db, 'helpdesk')).actor;
  await addRegistry(deps, admin, registryFormSchema.parse({ name: 'lab-private', kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password }));
}, 180_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms([l1.socket, l2.socket, l3.socket]);
  for (const engine of engines) {
    for (const image of (await engine.listImages()) as { RepoTags?: string[] | null; Id: string }[]) {
      if (image.RepoTags?.some((t) => t.includes(`-${run}:`))) await engine.getImage(image.Id).remove({ force: true }).catch(() => {});
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
    const result = await deployStack(deps, helpdesk, { swarmId, stackName: `anon${run}`, composeText: globalStack(image), variables: {}, files: {} });
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
