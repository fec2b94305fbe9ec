// Recreating a container from its own configuration (issue 17, "Containers: recreate, optionally
// pulling first") on a lab engine: the new container keeps the name, environment, labels and state;
// pulling first uses the registry's kept credentials; a pull that fails leaves the old container
// exactly as it was.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { recreateAsIs } from '@/lib/services/containers/recreate-container.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { auditLines } from '../support/audit-rows.ts';
import { createTestDeps, labState, registerLabHost, removeTestContainers, seedUser, type TestDeps } from '../support/integration.ts';

const lab = labState();
const engine = lab.hosts[0];
const docker = new Dockerode({ socketPath: engine.socket });
const LABEL = `recreate-${Math.random().toString(36).slice(2, 8)}`;
let deps: TestDeps;
let admin: Actor;
let hostId: string;

async function running(name: string, image = lab.image): Promise<Dockerode.ContainerInspectInfo> {
  const c = await docker.createContainer({ name, Image: image, Cmd: ['sleep', '600'], Env: ['GREETING=hello'], Labels: { 'wharf.test': LABEL, tier: 'web' }, StopTimeout: 1, HostConfig: { NetworkMode: 'none' } });
  await c.start();
  return c.inspect();
}

beforeAll(async () => {
  deps = await createTestDeps('container_recreate');
  admin = (await seedUser(deps.db, 'admin')).actor;
  hostId = await registerLabHost(deps, admin, engine);
}, 60_000);

afterAll(async () => {
  await removeTestContainers(docker, LABEL);
  // By tag, never by id: the tagged images share their id with the lab's image, whose tags must stay.
  for (const image of await docker.listImages()) for (const tag of image.RepoTags ?? []) if (tag.includes(`/${LABEL}:`)) await docker.getImage(tag).remove().catch(() => {});
  await deps?.close();
});

describe('recreate a container as it is', () => {
  it('makes a new container with the same name, environment, labels and state, removes the old one, and audits it', async () => {
    const old = await running(`${LABEL}-plain`);
    const result = await recreateAsIs(deps, admin, { hostId, containerId: old.Id, pull: false });
    expect(result.containerId).not.toBe(old.Id);
    expect(result.message).toBe(`Container ${LABEL}-plain on ${engine.name} was recreated from its configuration.`);
    const fresh = await docker.getContainer(`${LABEL}-plain`).inspect();
    expect(fresh.Id).toBe(result.containerId);
    expect(fresh.State.Running).toBe(true);
    expect(fresh.Config.Env).toContain('GREETING=hello');
    expect(fresh.Config.Labels).toMatchObject({ tier: 'web', 'wharf.test': LABEL });
    await expect(docker.getContainer(old.Id).inspect()).rejects.toThrow();
    const audit = await auditLines(deps.db, { action: 'container.recreate', result: 'succeeded' });
    expect(audit.map((l) => l.targetName)).toContain(`${LABEL}-plain on ${engine.name}`);
  });

  it('a pull the registry refuses leaves the old container as it was, and says which image and why', async () => {
    // Wharf keeps no credentials for the lab registry yet (the next test adds them): it refuses anonymous pulls.
    const repo = `${lab.registry.url}/elsewhere/${LABEL}`;
    const image = `${repo}:1.0`;
    await docker.getImage(lab.image).tag({ repo, tag: '1.0' });
    const old = await running(`${LABEL}-refused`, image);
    const error = (await recreateAsIs(deps, admin, { hostId, containerId: old.Id, pull: true }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`Pulling ${image} on ${engine.name} failed, so container ${LABEL}-refused was left as it was`);
    const still = await docker.getContainer(old.Id).inspect();
    expect(still.Name).toBe(`/${LABEL}-refused`);
    expect(still.State.Running).toBe(true);
  });

  it('pulls its image first with the registry\'s kept credentials, then recreates', { timeout: 120_000 }, async () => {
    const repo = `lab/${LABEL}`;
    await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0');
    const image = `${lab.registry.url}/${repo}:1.0`;
    await addRegistry(deps, admin, registryFormSchema.parse({ name: `lab-${LABEL}`, kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password }));
    // The engine has the image under that name once pulled with the registry's credentials.
    const auth = { username: lab.registry.username, password: lab.registry.password, serveraddress: lab.registry.url };
    await new Promise<void>((resolve, reject) => {
      void docker.pull(image, { authconfig: auth }, (error: unknown, stream?: NodeJS.ReadableStream) => (error || !stream ? reject(error as Error) : docker.modem.followProgress(stream, (e: unknown) => (e ? reject(e as Error) : resolve()))));
    });
    const old = await running(`${LABEL}-pulled`, image);
    const result = await recreateAsIs(deps, admin, { hostId, containerId: old.Id, pull: true });
    expect(result.message).toBe(`Container ${LABEL}-pulled on ${engine.name} was recreated after pulling ${image}.`);
    const fresh = await docker.getContainer(`${LABEL}-pulled`).inspect();
    expect(fresh.State.Running).toBe(true);
    expect(fresh.Config.Image).toBe(image);
  });

});
