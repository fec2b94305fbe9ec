// Duplicating a container on a real lab engine: its configuration read into the create form's
// values, the environment only for a reader allowed to see it (that read audited as a reveal), and
// the copy created through the same create path and policy as the form, with its environment changed.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import { readContainerCopy } from '@/lib/services/containers/read-container-copy.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';

const lab = labState();
const host = lab.hosts[0];
const run = randomBytes(3).toString('hex');
const docker = new Dockerode({ socketPath: host.socket });
const NAME = `copy-${run}`;
const LABELS = { 'wharf.test': 'container-copy', 'com.docker.compose.project': `p${run}`, 'com.docker.compose.service': 'web', team: 'web' };
const COMMAND = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];
let deps: TestDeps;
let operator: Actor;
let hostId: string;
let originalId: string;

const cleanUp = async () => {
  for (const name of [NAME, `${NAME}-copy`]) await docker.getContainer(name).remove({ force: true }).catch(() => {});
};

beforeAll(async () => {
  await cleanUp();
  deps = await createTestDeps('container_copy');
  const admin = (await seedUser(deps.db, 'admin')).actor;
  operator = (await seedUser(deps.db, 'operator')).actor;
  hostId = await registerLabHost(deps, admin, host);
  const original = await docker.createContainer({ name: NAME, Image: lab.image, Cmd: COMMAND, Env: ['GREETING=one'], Labels: LABELS, HostConfig: { RestartPolicy: { Name: 'on-failure' }, Memory: 64 * 1024 * 1024 } });
  originalId = original.id;
});

afterAll(async () => {
  await cleanUp();
  await deps?.close();
});

describe('duplicating a container', () => {
  it('reads its configuration without the environment for a reader who may not see it, and audits nothing', async () => {
    const copy = await readContainerCopy(deps, operator, { hostId, containerId: originalId }, { withEnv: false });
    expect(copy.from).toBe(NAME);
    expect(copy.values).toMatchObject({ image: lab.image, name: `${NAME}-copy`, env: '', restart: 'on-failure', memoryMb: '64' });
    expect(copy.notCopied).toEqual(['environment']);
    // The image's own labels come with the container's (the engine merges them); Compose's do not.
    expect(copy.labels).toMatchObject({ 'wharf.test': 'container-copy', team: 'web' });
    expect(Object.keys(copy.labels).filter((key) => key.startsWith('com.docker.'))).toEqual([]);
    expect(await auditLines(deps.db, { action: 'container.env.reveal', actorId: operator.id })).toHaveLength(0);
  });

  it('with the environment for one who may, audited as a reveal; the copy is created through the create path with its environment changed', async () => {
    const copy = await readContainerCopy(deps, operator, { hostId, containerId: originalId }, { withEnv: true });
    expect(copy.values.env).toBe('GREETING=one');
    expect(await auditLines(deps.db, { action: 'container.env.reveal', actorId: operator.id, result: 'succeeded' })).toHaveLength(1);

    const input = createContainerSchema.parse({ ...copy.values, env: 'GREETING=two', hostId, labels: copy.labels });
    const made = await createContainer(deps, operator, input);
    expect(made).toMatchObject({ name: `${NAME}-copy`, started: true });
    const inspect = await docker.getContainer(made.id).inspect();
    expect(inspect.Config.Env).toContain('GREETING=two');
    expect(inspect.Config.Cmd).toEqual(COMMAND);
    expect(inspect.Config.Labels).toMatchObject({ 'wharf.test': 'container-copy', team: 'web' });
    expect(inspect.Config.Labels).not.toHaveProperty('com.docker.compose.project');
    expect(inspect.HostConfig.RestartPolicy?.Name).toBe('on-failure');
    expect(inspect.HostConfig.Memory).toBe(64 * 1024 * 1024);
  });
});
