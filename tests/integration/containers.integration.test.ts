// Containers, images, volumes and networks on three real engines: one list across hosts that
// survives a stopped engine, state changes, rename, removal with anonymous volumes, masked
// environment and its audited reveal, the workload policy on create, prune plans and a confirmed
// prune, and a pull whose failure is explained.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { changeContainerState, removeContainer, renameContainer } from '@/lib/services/containers/change-container.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import { listContainers } from '@/lib/services/containers/list-containers.ts';
import { readPullJob, startImagePull } from '@/lib/services/containers/pull-image.ts';
import { readContainer, revealContainerEnv } from '@/lib/services/containers/read-container.ts';
import { listHostImages, listHostVolumes, planPrune } from '@/lib/services/containers/read-host-resources.ts';
import { pruneHostResources, removeHostVolume, removeImage } from '@/lib/services/containers/remove-host-resources.ts';
import { startEngine, stopEngine } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const hosts = lab.hosts.slice(0, 3);
const LABEL = { 'wharf.test': 'containers' };
const run = randomBytes(3).toString('hex');
const port = 20_000 + (parseInt(run, 16) % 10_000);
const engines = hosts.map((h) => new Dockerode({ socketPath: h.socket }));
let deps: TestDeps;
let admin: Actor;
let operator: Actor;
let viewer: Actor;
const ids: string[] = [];

// A container that stops at once on SIGTERM (a bare sleep as PID 1 ignores it).
const quick = 'sh -c "trap \'exit 0\' TERM; while true; do sleep 1; done"';
const input = (hostId: string, over: Record<string, unknown> = {}) => createContainerSchema.parse({ hostId, image: lab.image, command: quick, labels: LABEL, ...over });

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

async function cleanUp() {
  await Promise.all(
    engines.map(async (docker) => {
      const containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['wharf.test=containers'] }) }).catch(() => []);
      for (const c of containers) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {});
      const volumes = (await docker.listVolumes({ filters: JSON.stringify({ label: ['wharf.test=containers'] }) }).catch(() => ({ Volumes: [] }))).Volumes ?? [];
      for (const v of volumes) await docker.getVolume(v.Name).remove().catch(() => {});
      const images = await docker.listImages({ filters: JSON.stringify({ reference: ['local/wharf-c-test'] }) }).catch(() => []);
      // By tag, never by id with force: an id may be shared with the lab's own images.
      for (const tag of images.flatMap((i) => i.RepoTags ?? []).filter((t) => t.startsWith('local/wharf-c-test:'))) await docker.getImage(tag).remove().catch(() => {});
    }),
  );
}

beforeAll(async () => {
  await cleanUp();
  deps = await createTestDeps('containers');
  admin = (await seedUser(deps.db, 'admin')).actor;
  operator = (await seedUser(deps.db, 'operator')).actor;
  viewer = (await seedUser(deps.db, 'viewer')).actor;
  for (const h of hosts) ids.push(await registerLabHost(deps, admin, h));
});

afterAll(async () => {
  await startEngine(hosts[2].name);
  await cleanUp();
  await deps?.close();
});

const state = async (hostId: string, id: string) => (await readContainer(deps, { hostId, containerId: id })).state.status;

describe('the list across hosts', () => {
  it('shows containers of every host, and one host alone', async () => {
    const made = await Promise.all(ids.map((hostId, i) => createContainer(deps, operator, input(hostId, { name: `c-${run}-${i}` }))));
    expect(made.every((m) => m.started)).toBe(true);
    const list = await listContainers(deps, viewer);
    for (const [i, m] of made.entries()) {
      const row = list.containers.find((c) => c.id === m.id);
      expect(row).toMatchObject({ hostId: ids[i], hostName: hosts[i].name, name: `c-${run}-${i}`, image: lab.image, state: 'running' });
    }
    expect(list.hosts.map((h) => [h.hostName, h.ok])).toEqual(hosts.map((h) => [h.name, true]));
    const one = await listContainers(deps, viewer, { hostId: ids[1] });
    expect(new Set(one.containers.map((c) => c.hostId))).toEqual(new Set([ids[1]]));
    expect(one.containers.some((c) => c.id === made[1].id)).toBe(true);
  });

  it('reports a stopped engine beside the others instead of failing', async () => {
    try {
      await stopEngine(hosts[2].name);
      const list = await listContainers(deps, viewer);
      const down = list.hosts.find((h) => h.hostId === ids[2]);
      expect(down).toMatchObject({ ok: false, hostName: hosts[2].name });
      expect(down?.error).toMatch(new RegExp(`list containers on ${hosts[2].name}: .*(socket|engine)`, 'i'));
      expect(list.hosts.filter((h) => h.ok).map((h) => h.hostId)).toEqual([ids[0], ids[1]]);
      expect(list.containers.some((c) => c.name === `c-${run}-0`)).toBe(true);
      expect(list.containers.some((c) => c.hostId === ids[2])).toBe(false);
    } finally {
      await startEngine(hosts[2].name);
    }
    const back = await listContainers(deps, viewer);
    expect(back.hosts.every((h) => h.ok)).toBe(true);
    expect(back.containers.some((c) => c.name === `c-${run}-2`)).toBe(true);
  }, 120_000);
});

describe('actions', () => {
  it('stops, starts, pauses, unpauses, restarts and kills, each audited', async () => {
    const { id } = await createContainer(deps, operator, input(ids[0], { name: `act-${run}` }));
    const ref = { hostId: ids[0], containerId: id };
    expect((await changeContainerState(deps, operator, { ...ref, verb: 'stop' })).message).toBe(`Container act-${run} on ${hosts[0].name} stopped.`);
    expect(await state(ids[0], id)).toBe('exited');
    await changeContainerState(deps, operator, { ...ref, verb: 'start' });
    expect(await state(ids[0], id)).toBe('running');
    const again = await changeContainerState(deps, operator, { ...ref, verb: 'start' });
    expect(again).toMatchObject({ changed: false, message: expect.stringMatching(/already started/) });
    await changeContainerState(deps, operator, { ...ref, verb: 'pause' });
    expect(await state(ids[0], id)).toBe('paused');
    await changeContainerState(deps, operator, { ...ref, verb: 'unpause' });
    await changeContainerState(deps, operator, { ...ref, verb: 'restart' });
    expect(await state(ids[0], id)).toBe('running');
    await changeContainerState(deps, operator, { ...ref, verb: 'kill' });
    expect(await state(ids[0], id)).toBe('exited');
    const rows = await auditLines(deps.db, { targetType: 'container', actorId: operator.id, targetName: `act-${run} on ${hosts[0].name}` });
    expect(rows.map((r) => [r.action, r.result])).toEqual([
      ['container.create', 'succeeded'],
      ...['stop', 'start', 'start', 'pause', 'unpause', 'restart', 'kill'].map((v) => [`container.${v}`, 'succeeded']),
    ]);
    const gone = await failure(changeContainerState(deps, operator, { hostId: ids[0], containerId: 'f'.repeat(64), verb: 'start' }));
    expect(gone.code).toBe('NOT_FOUND');
  }, 90_000);

  it('renames, and refuses a name already taken', async () => {
    const { id } = await createContainer(deps, operator, input(ids[1], { name: `old-${run}` }));
    await renameContainer(deps, operator, { hostId: ids[1], containerId: id, name: `new-${run}` });
    expect((await readContainer(deps, { hostId: ids[1], containerId: id })).name).toBe(`new-${run}`);
    const taken = await failure(renameContainer(deps, operator, { hostId: ids[1], containerId: id, name: `c-${run}-1` }));
    expect(taken.code).toBe('CONFLICT');
    expect(localizeText(taken.fieldErrors?.name?.[0] ?? '', 'en')).toMatch(/already taken/);
  });

  it('removes a container with its anonymous volumes, or without them', async () => {
    const docker = engines[1];
    const anonymousOf = async (id: string) => ((await docker.getContainer(id).inspect()) as { Mounts: { Name: string }[] }).Mounts.map((m) => m.Name);
    const a = await createContainer(deps, operator, input(ids[1], { volumes: '/scratch' }));
    const [volA] = await anonymousOf(a.id);
    const running = await failure(removeContainer(deps, operator, { hostId: ids[1], containerId: a.id, removeVolumes: true, force: false }));
    expect(running.message).toMatch(/is running: stop it first/);
    await removeContainer(deps, operator, { hostId: ids[1], containerId: a.id, removeVolumes: true, force: true });
    await expect(docker.getVolume(volA).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const b = await createContainer(deps, operator, input(ids[1], { volumes: '/scratch' }));
    const [volB] = await anonymousOf(b.id);
    await removeContainer(deps, operator, { hostId: ids[1], containerId: b.id, removeVolumes: false, force: true });
    expect((await docker.getVolume(volB).inspect()).Name).toBe(volB);
    await docker.getVolume(volB).remove();
    expect((await listContainers(deps, viewer, { hostId: ids[1] })).containers.some((c) => c.id === a.id || c.id === b.id)).toBe(false);
  });
});

describe('detail and environment', () => {
  it('masks environment values, and reveals them to the allowed with an audit row', async () => {
    const { id } = await createContainer(deps, operator, input(ids[0], { name: `env-${run}`, env: 'DB_PASSWORD=s3cret-value\nMODE=a=b', ports: `${port}:80`, volumes: `data-${run}:/data:ro` }));
    const detail = await readContainer(deps, { hostId: ids[0], containerId: id });
    expect(detail.env.filter((e) => e.name === 'DB_PASSWORD' || e.name === 'MODE')).toEqual([{ name: 'DB_PASSWORD', value: null }, { name: 'MODE', value: null }]);
    expect(JSON.stringify(detail)).not.toContain('s3cret-value');
    expect(detail).toMatchObject({ name: `env-${run}`, ports: [{ container: '80/tcp', host: expect.arrayContaining([`0.0.0.0:${port}`]) }], mounts: [{ type: 'volume', name: `data-${run}`, destination: '/data', readOnly: true }] });
    expect(detail.labels).toEqual(expect.arrayContaining([{ name: 'wharf.created-by', value: operator.username }]));
    expect(detail.processes?.rows.length).toBeGreaterThan(0);

    await expect(authorize(deps.db, viewer, 'container.env', { type: 'host', id: ids[0] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const env = await revealContainerEnv(deps, operator, { hostId: ids[0], containerId: id });
    expect(env).toEqual(expect.arrayContaining([{ name: 'DB_PASSWORD', value: 's3cret-value' }, { name: 'MODE', value: 'a=b' }]));
    const [audit] = await auditLines(deps.db, { action: 'container.env.reveal', actorId: operator.id });
    expect(audit).toMatchObject({ result: 'succeeded', targetName: `env-${run} on ${hosts[0].name}` });
    expect(`${audit?.message} ${audit?.targetName}`).not.toContain('s3cret-value');

    // The volume it uses is not removable, nor in any prune plan.
    const inUse = await failure(removeHostVolume(deps, operator, { hostId: ids[0], name: `data-${run}` }));
    expect(inUse.message).toMatch(new RegExp(`in use by env-${run}`));
    await removeContainer(deps, operator, { hostId: ids[0], containerId: id, removeVolumes: true, force: true });
    await removeHostVolume(deps, operator, { hostId: ids[0], name: `data-${run}` });
  });
});

describe('workload policy on create', () => {
  it('refuses a privileged container, a host bind or the engine socket to an operator, with an audit row', async () => {
    for (const over of [{ privileged: true }, { volumes: '/:/host' }, { volumes: '/var/run/../run/docker.sock:/s' }, { network: 'host' }]) {
      const name = `bad-${run}-${Object.keys(over)[0]}`;
      const refused = await failure(createContainer(deps, operator, input(ids[0], { ...over, name })));
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toMatch(/asks for more than your role allows/);
    }
    const denied = await deps.db.auditEntry.findMany({ where: { action: 'container.create', result: 'denied', actorId: operator.id } });
    expect(denied).toHaveLength(4);
    expect((await listContainers(deps, admin)).containers.some((c) => c.name.startsWith(`bad-${run}`))).toBe(false);
  });

  it('says which field is wrong when the image is not on the host or the name is taken', async () => {
    const noImage = await failure(createContainer(deps, operator, input(ids[0], { image: `local/not-here-${run}:1` })));
    expect(localizeText(noImage.fieldErrors?.image?.[0] ?? '', 'en')).toMatch(/pull it first/);
    const taken = await failure(createContainer(deps, operator, input(ids[0], { name: `c-${run}-0` })));
    expect(localizeText(taken.fieldErrors?.name?.[0] ?? '', 'en')).toMatch(/already taken/);
  });

  it('removes a container that was created but could not start', async () => {
    const before = (await listContainers(deps, admin, { hostId: ids[0] })).containers.length;
    const failed = await failure(createContainer(deps, operator, input(ids[0], { name: `nostart-${run}`, command: '/no/such/binary' })));
    expect(failed.message).toMatch(/could not start .* so it was removed again/);
    expect((await listContainers(deps, admin, { hostId: ids[0] })).containers.length).toBe(before);
  });
});

describe('images, volumes, networks and prune', () => {
  it('plans prunes without removing anything, then removes only what was confirmed', async () => {
    const docker = engines[2];
    const mine = [`prune-a-${run}`, `prune-b-${run}`];
    for (const name of mine) await docker.createVolume({ Name: name, Labels: LABEL });
    const kept = await createContainer(deps, operator, input(ids[2], { volumes: `used-${run}:/u` }));

    const all = await planPrune(deps, ids[2], { kind: 'volumes', mode: 'unused' });
    expect(all.items.map((i) => i.id)).toEqual(expect.arrayContaining(mine));
    expect(all.items.map((i) => i.id)).not.toContain(`used-${run}`);
    expect((await planPrune(deps, ids[2], { kind: 'volumes', mode: 'anonymous' })).items.map((i) => i.id)).not.toContain(mine[0]);
    expect((await listHostVolumes(deps, ids[2])).volumes.map((v) => v.name)).toEqual(expect.arrayContaining(mine));

    const outcome = await pruneHostResources(deps, operator, { kind: 'volumes', hostId: ids[2], mode: 'unused', ids: [mine[0], `used-${run}`] });
    expect(outcome.removed).toEqual([mine[0]]);
    expect(outcome.skipped.map((s) => s.label)).toEqual([`used-${run}`]);
    const left = (await listHostVolumes(deps, ids[2])).volumes.map((v) => v.name);
    expect(left).toContain(mine[1]);
    expect(left).toContain(`used-${run}`);
    expect(left).not.toContain(mine[0]);

    const images = await listHostImages(deps, ids[2]);
    const busybox = images.images.find((i) => i.tags.includes(lab.image));
    expect(busybox?.usedBy.length).toBeGreaterThan(0);
    const imagePlan = await planPrune(deps, ids[2], { kind: 'images', mode: 'unused' });
    expect(imagePlan.items.map((i) => i.id)).not.toContain(busybox?.id);
    expect(imagePlan.bytes).toBe(imagePlan.items.reduce((s, i) => s + (i.bytes ?? 0), 0));

    const network = await docker.createNetwork({ Name: `net-${run}`, Labels: LABEL });
    const netPlan = await planPrune(deps, ids[2], { kind: 'networks' });
    expect(netPlan.items.map((i) => i.label)).toContain(`net-${run}`);
    expect(netPlan.items.map((i) => i.label)).not.toContain('bridge');
    const pruned = await pruneHostResources(deps, operator, { kind: 'networks', hostId: ids[2], mode: 'unused', ids: [network.id] });
    expect(pruned.removed).toEqual([`net-${run}`]);

    await removeContainer(deps, operator, { hostId: ids[2], containerId: kept.id, removeVolumes: false, force: true });
    await docker.getVolume(`used-${run}`).remove();
    const audit = await auditLines(deps.db, { action: { in: ['volume.prune', 'network.prune'] }, actorId: operator.id });
    expect(audit.map((a) => a.result)).toEqual(['succeeded', 'succeeded']);
  });

  it('removes an unused image (all its tags), refuses one in use, and prunes only the confirmed image', async () => {
    const docker = engines[0];
    const base = await createContainer(deps, operator, input(ids[0], { name: `img-${run}` }));
    const commit = async (tag: string) => (await docker.getContainer(base.id).commit({ repo: 'local/wharf-c-test', tag, changes: [] as never })) as { Id: string };
    const one = await commit(`a-${run}`);
    await docker.getImage(one.Id).tag({ repo: 'local/wharf-c-test', tag: `a2-${run}` });
    const two = await commit(`b-${run}`);
    await removeContainer(deps, operator, { hostId: ids[0], containerId: base.id, removeVolumes: true, force: true });

    const rows = (await listHostImages(deps, ids[0])).images;
    const busybox = rows.find((i) => i.tags.includes(lab.image));
    const other = await createContainer(deps, operator, input(ids[0], { name: `keeps-busybox-${run}` }));
    const inUse = await failure(removeImage(deps, operator, { hostId: ids[0], imageId: busybox!.id, force: false }));
    expect(inUse.code).toBe('PRECONDITION');
    expect(inUse.message).toMatch(new RegExp(`used by .*keeps-busybox-${run}`));
    await removeContainer(deps, operator, { hostId: ids[0], containerId: other.id, removeVolumes: true, force: true });

    expect(rows.find((i) => i.id === one.Id)?.tags).toEqual([`local/wharf-c-test:a-${run}`, `local/wharf-c-test:a2-${run}`]);
    expect((await removeImage(deps, operator, { hostId: ids[0], imageId: one.Id, force: false })).message).toMatch(/removed from/);
    await expect(docker.getImage(one.Id).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const plan = await planPrune(deps, ids[0], { kind: 'images', mode: 'unused' });
    const planned = plan.items.find((i) => i.id === two.Id);
    expect(planned?.bytes).toBeGreaterThan(0);
    const outcome = await pruneHostResources(deps, operator, { kind: 'images', hostId: ids[0], mode: 'unused', ids: [two.Id] });
    expect(outcome).toEqual({ removed: [`local/wharf-c-test:b-${run}`], skipped: [], bytes: planned?.bytes });
    await expect(docker.getImage(two.Id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await docker.getImage(lab.image).inspect()).Id).toBe(busybox!.id);
  });

  it('a pull that fails says why, through its job', async () => {
    const image = `${lab.registry.url.replace(/^https?:\/\//, '')}/wharf-test/absent:${run}`;
    const job = await startImagePull(deps, operator, { hostId: ids[0], image });
    expect(job.progress.state).toBe('running');
    const done = await waitFor(async () => {
      const j = await readPullJob(deps, { hostId: ids[0], jobId: job.id });
      return j.progress.state === 'running' ? null : j;
    }, { timeoutMs: 60_000, what: 'the pull to end' });
    expect(done.progress.state).toBe('failed');
    // The lab registry wants credentials, and Wharf has no registry accounts yet: the error says so.
    expect(done.progress.error).toMatch(/wants credentials.*no basic auth credentials/);
    // Kept as a message: a Chinese reader reads the explanation in Chinese, the engine's words as they are.
    expect((await readPullJob(deps, { hostId: ids[0], jobId: job.id }, 'zh-CN')).progress.error).toMatch(/需要凭据.*no basic auth credentials/);
    await expect(readPullJob(deps, { hostId: ids[1], jobId: job.id })).rejects.toThrow(AppError);
    await waitFor(async () => (await deps.db.auditEntry.findFirst({ where: { action: 'image.pull', result: 'failed' } })) ?? null, { what: 'the pull audited as failed' });
  }, 90_000);
});
