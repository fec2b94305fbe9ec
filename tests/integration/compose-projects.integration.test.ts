// Compose projects on a real lab engine: up makes what docker compose v2 makes (names, labels,
// networks, volumes), a second up changes only what changed, depends_on waits for health (and
// gives up after its timeout, naming the service and leaving what started), a taken port names the
// container holding it, down (with and without volumes), the Compose CLI's projects listed as such,
// revisions compared and rolled back to (file and sealed variables restored, brought up), and
// every bad input refused before anything is made.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import { changeProject, scaleService } from '@/lib/services/compose-projects/change-project.ts';
import { downProject } from '@/lib/services/compose-projects/down-project.ts';
import { listProjects, readProjectDetail } from '@/lib/services/compose-projects/read-projects.ts';
import { readProjectRevision, rollbackProject } from '@/lib/services/compose-projects/project-revisions.ts';
import { saveProject } from '@/lib/services/compose-projects/save-project.ts';
import { upProject } from '@/lib/services/compose-projects/up-project.ts';
import { startEngine, stopEngine } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, registerLabHost, seedUser, TestContainers, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const host = lab.hosts[0];
const docker = new Dockerode({ socketPath: host.socket });
const run = randomBytes(3).toString('hex');
const port = 21_000 + (parseInt(run, 16) % 9_000);
const name = (what: string) => `it${run}-${what}`;
const others = new TestContainers(docker, 'compose-projects', lab.image);
let deps: TestDeps;
let admin: Actor;
let operator: Actor;
let hostId: string;

/** A service that stops at once on SIGTERM. */
const QUICK = `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`;

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

const save = (project: string, composeText: string, over: Partial<Parameters<typeof saveProject>[2]> = {}, actor = admin) =>
  saveProject(deps, actor, { hostId, name: project, composeText, variables: {}, files: {}, profiles: [], create: true, ...over });

const containersOf = async (project: string) =>
  (await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).sort((a, b) => (a.Names?.[0] ?? '').localeCompare(b.Names?.[0] ?? ''));

async function removeProjects() {
  for (const c of await docker.listContainers({ all: true, filters: { label: ['com.docker.compose.project'] } })) {
    if (c.Labels['com.docker.compose.project']?.startsWith(`it${run}-`)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
  }
  for (const n of await docker.listNetworks()) if (n.Name.startsWith(`it${run}-`)) await docker.getNetwork(n.Id).remove().catch(() => {});
  for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.startsWith(`it${run}-`)) await docker.getVolume(v.Name).remove().catch(() => {});
}

beforeAll(async () => {
  await others.removeAll();
  deps = await createTestDeps('compose_projects');
  admin = (await seedUser(deps.db, 'admin')).actor;
  operator = (await seedUser(deps.db, 'operator')).actor;
  hostId = await registerLabHost(deps, admin, host);
});

afterAll(async () => {
  await removeProjects();
  await others.removeAll();
  await deps?.close();
});

describe('up', () => {
  const project = name('shop');
  const file = (env: string) => `
services:
  web:
    image: ${lab.image}
    command: ${QUICK}
    environment: [GREETING=${env}]
    volumes: [data:/data]
    depends_on: [db]
  db:
    image: ${lab.image}
    command: ${QUICK}
    labels: {tier: back}
volumes:
  data: {}
`;

  it('makes the containers, network and volume Compose v2 would, named and labelled as it does', async () => {
    await save(project, file('hello'));
    const result = await upProject(deps, admin, { hostId, name: project });
    expect(result.started).toEqual([`${project}-db-1`, `${project}-web-1`]);
    const containers = await containersOf(project);
    expect(containers.map((c) => c.Names?.[0])).toEqual([`/${project}-db-1`, `/${project}-web-1`]);
    const web = await docker.getContainer(`${project}-web-1`).inspect();
    expect(web.Config.Labels).toMatchObject({
      'com.docker.compose.project': project,
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': expect.stringMatching(/^[0-9a-f]{64}$/),
      'com.docker.compose.project.working_dir': `/wharf/projects/${project}`,
      'com.docker.compose.project.config_files': `/wharf/projects/${project}/compose.yaml`,
      'com.docker.compose.depends_on': 'db:service_started:false',
      'com.docker.compose.version': '2.0.0+wharf',
    });
    expect(web.State.Running).toBe(true);
    expect(web.Config.Env).toContain('GREETING=hello');
    expect(web.HostConfig.NetworkMode).toBe(`${project}_default`);
    expect(web.NetworkSettings.Networks[`${project}_default`].Aliases).toEqual(expect.arrayContaining([`${project}-web-1`, 'web']));
    expect(web.Mounts).toEqual([expect.objectContaining({ Type: 'volume', Name: `${project}_data`, Destination: '/data' })]);
    const network = await docker.getNetwork(`${project}_default`).inspect();
    expect(network.Labels).toEqual({ 'com.docker.compose.network': 'default', 'com.docker.compose.project': project, 'com.docker.compose.version': '2.0.0+wharf' });
    const volume = await docker.getVolume(`${project}_data`).inspect();
    expect(volume.Labels).toEqual({ 'com.docker.compose.project': project, 'com.docker.compose.version': '2.0.0+wharf', 'com.docker.compose.volume': 'data' });
  });

  it('shows each service with its containers, the project as Wharf’s and running', async () => {
    const projects = await listProjects(deps, hostId);
    const mine = projects.find((p) => p.name === project);
    expect(mine).toMatchObject({ origin: 'wharf', managed: true, state: 'running', running: 2, total: 2 });
    expect(mine?.services.map((s) => [s.name, s.desired, s.running])).toEqual([['db', 1, 1], ['web', 1, 1]]);
    const detail = await readProjectDetail(deps, hostId, project);
    expect(detail.revisions.map((r) => [r.number, r.outcome])).toEqual([[1, 'up']]);
  });

  it('a second up of the same file changes nothing; after an edit it recreates only the changed service', async () => {
    const before = await containersOf(project);
    const again = await upProject(deps, admin, { hostId, name: project });
    expect(again.plan).toEqual(['db: keep 1', 'web: keep 1']);
    expect((await containersOf(project)).map((c) => c.Id)).toEqual(before.map((c) => c.Id));

    await saveProject(deps, admin, { hostId, name: project, composeText: file('changed'), variables: {}, files: {}, profiles: [], create: false });
    const edited = await upProject(deps, admin, { hostId, name: project });
    expect(edited.plan).toEqual(['db: keep 1', 'web: recreate 1']);
    const after = await containersOf(project);
    expect(after[0].Id).toBe(before[0].Id);
    expect(after[1].Id).not.toBe(before[1].Id);
    expect((await docker.getContainer(`${project}-web-1`).inspect()).Config.Env).toContain('GREETING=changed');
  });

  it('scales a service up and down, numbering containers as Compose does', async () => {
    await scaleService(deps, admin, { hostId, name: project, service: 'web', scale: 3 });
    expect((await containersOf(project)).map((c) => c.Names?.[0])).toEqual([`/${project}-db-1`, `/${project}-web-1`, `/${project}-web-2`, `/${project}-web-3`]);
    await scaleService(deps, admin, { hostId, name: project, service: 'web', scale: 1 });
    expect((await containersOf(project)).map((c) => c.Names?.[0])).toEqual([`/${project}-db-1`, `/${project}-web-1`]);
  });

  it('stops and starts one service or all', async () => {
    await changeProject(deps, admin, { hostId, name: project, verb: 'stop', service: 'web' });
    expect((await listProjects(deps, hostId)).find((p) => p.name === project)?.state).toBe('partly running');
    await changeProject(deps, admin, { hostId, name: project, verb: 'start' });
    expect((await listProjects(deps, hostId)).find((p) => p.name === project)?.state).toBe('running');
  });

  it('down removes containers and network and keeps the volume; with volumes it removes that too', async () => {
    const down = await downProject(deps, admin, { hostId, name: project, volumes: false, forget: false });
    // What depends on others stops first, as docker compose down does.
    expect(down).toEqual({ containers: [`${project}-web-1`, `${project}-db-1`], networks: [`${project}_default`], volumes: [] });
    expect(await containersOf(project)).toEqual([]);
    await expect(docker.getVolume(`${project}_data`).inspect()).resolves.toBeTruthy();
    expect((await listProjects(deps, hostId)).find((p) => p.name === project)?.state).toBe('not up');
    await upProject(deps, admin, { hostId, name: project });
    const all = await downProject(deps, admin, { hostId, name: project, volumes: true, forget: true });
    expect(all.volumes).toEqual([`${project}_data`]);
    await expect(docker.getVolume(`${project}_data`).inspect()).rejects.toThrow();
    expect((await listProjects(deps, hostId)).some((p) => p.name === project)).toBe(false);
    expect(await auditLines(deps.db, { action: 'project.remove', result: 'succeeded' })).toHaveLength(1);
  });
});

describe('depends_on with conditions', () => {
  it('waits for a dependency to become healthy before starting what depends on it', async () => {
    const project = name('healthy');
    await save(project, `
services:
  app:
    image: ${lab.image}
    command: ${QUICK}
    depends_on: {db: {condition: service_healthy}, init: {condition: service_completed_successfully}}
  db:
    image: ${lab.image}
    command: ${QUICK}
    healthcheck: {test: ["CMD", "true"], interval: 1s, retries: 3}
  init:
    image: ${lab.image}
    command: ["true"]
`);
    const result = await upProject(deps, admin, { hostId, name: project, waitSeconds: 60 });
    // db and init depend on nothing: they are brought up at once, in either order; app only after both.
    expect(result.started).toHaveLength(3);
    expect(result.started[2]).toBe(`${project}-app-1`);
    expect(result.started.slice(0, 2).sort()).toEqual([`${project}-db-1`, `${project}-init-1`]);
    expect((await docker.getContainer(`${project}-db-1`).inspect()).State.Health?.Status).toBe('healthy');
    expect((await docker.getContainer(`${project}-init-1`).inspect()).State).toMatchObject({ Status: 'exited', ExitCode: 0 });
  });

  it('stops waiting after its timeout, names the service, and leaves what started running and recorded', async () => {
    const project = name('never');
    await save(project, `
services:
  app:
    image: ${lab.image}
    command: ${QUICK}
    depends_on: {db: {condition: service_healthy}}
  db:
    image: ${lab.image}
    command: ${QUICK}
    healthcheck: {test: ["CMD", "false"], interval: 1s, start_period: 1h}
`);
    const error = await failure(upProject(deps, admin, { hostId, name: project, waitSeconds: 2 }));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toContain('service db did not become healthy');
    expect(error.message).toContain('service app waits on it');
    expect(error.message).toContain(`Left running from this up: ${project}-db-1.`);
    expect((await containersOf(project)).map((c) => [c.Names?.[0], c.State])).toEqual([[`/${project}-db-1`, 'running']]);
    const detail = await readProjectDetail(deps, hostId, project);
    expect(detail.revisions[0]).toMatchObject({ outcome: 'failed', message: error.message });
    // The outcome is stored as a message: a Chinese reader reads it in Chinese.
    const inChinese = (await readProjectDetail(deps, hostId, project, 'zh-CN')).revisions[0].message;
    expect(inChinese).toBe(toErrorPayload(error, 'zh-CN').message);
    expect(inChinese).toMatch(/[\u4e00-\u9fff]/);
    expect(detail.state).toBe('partly running');
  });
});

describe('failures that name their cause', () => {
  it('a port already taken names the port and the container holding it', async () => {
    const held = await docker.createContainer({ Image: lab.image, name: `wharf-holds-${run}`, Cmd: ['sleep', '600'], Labels: others.labels, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: String(port) }] } }, ExposedPorts: { '80/tcp': {} } });
    await held.start();
    const project = name('ports');
    await save(project, `services:\n  web:\n    image: ${lab.image}\n    command: ${QUICK}\n    ports: ["${port}:80"]\n`);
    const error = await failure(upProject(deps, admin, { hostId, name: project }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`Port ${port} on ${host.name} is already taken: container wharf-holds-${run} holds it.`);
    expect(await containersOf(project)).toEqual([]);
  });

  it('refuses unsafe and taken names, build:, and a depends_on cycle, storing nothing', async () => {
    const file = `services:\n  a: {image: ${lab.image}}\n`;
    for (const bad of ['../../etc', '/abs', 'Caps', 'a\u0000b', '-x']) {
      const error = await failure(save(bad, file));
      expect(error.code).toBe('INVALID_INPUT');
    }
    await save(name('taken'), file);
    expect((await failure(save(name('taken'), file))).message).toContain(`A project called ${name('taken')} already exists on ${host.name}.`);

    const cli = await docker.createContainer({ Image: lab.image, name: `${name('cli')}-a-1`, Cmd: ['true'], Labels: { 'com.docker.compose.project': name('cli'), 'com.docker.compose.service': 'a', 'com.docker.compose.container-number': '1', 'com.docker.compose.version': '1.29.2' } });
    expect((await failure(save(name('cli'), file))).message).toContain(`The Compose CLI already runs a project called ${name('cli')}`);
    expect((await listProjects(deps, hostId)).find((p) => p.name === name('cli'))).toMatchObject({ origin: 'compose-v1', managed: false, state: 'stopped' });
    await cli.remove({ force: true });

    const build = await failure(save(name('build'), 'services:\n  app:\n    build: .\n'));
    expect(build.code).toBe('INVALID_INPUT');
    expect(toErrorPayload(build, 'en').problems).toEqual([expect.objectContaining({ line: 3, column: 5, message: expect.stringContaining('Wharf cannot build images') })]);

    const cycle = await failure(save(name('cycle'), `services:\n  a: {image: ${lab.image}, depends_on: [b]}\n  b: {image: ${lab.image}, depends_on: [a]}\n`));
    expect(toErrorPayload(cycle, 'en').problems?.[0].message).toContain('a → b → a');

    const stored = await deps.db.composeProject.findMany({ select: { name: true } });
    expect(stored.map((p) => p.name).filter((n) => /build|cycle|etc/.test(n))).toEqual([]);
  });

  it('an operator cannot bind the host’s root into a service: the workload policy refuses up, audited, before anything is made', async () => {
    const project = name('escape');
    await save(project, `services:\n  a:\n    image: ${lab.image}\n    command: ${QUICK}\n    volumes: ["/:/host"]\n`, {}, operator);
    const error = await failure(upProject(deps, operator, { hostId, name: project }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain(`Project ${project} asks for more than your role allows`);
    expect(await containersOf(project)).toEqual([]);
    expect(await auditLines(deps.db, { action: 'project.up', result: 'denied' })).toEqual([expect.objectContaining({ targetName: `${project} on ${host.name}` })]);
  });
});

describe('a host that goes away during up', () => {
  // The lab's third engine, which this test stops while up waits on it (integration files run one at a time).
  const away = lab.hosts[2];
  const awayDocker = new Dockerode({ socketPath: away.socket });
  // `a` is healthy once this folder holds `ready`: the test decides when, so up is surely still waiting when the engine stops.
  const flag = `/tmp/wharf-it-${run}-flag`;
  const project = name('away');
  const file = `services:\n  a:\n    image: ${lab.image}\n    command: ${QUICK}\n    volumes: ["${flag}:/flag"]\n    healthcheck:\n      test: ["CMD", "test", "-f", "/flag/ready"]\n      interval: 1s\n  b:\n    image: ${lab.image}\n    command: ${QUICK}\n    depends_on:\n      a: {condition: service_healthy}\n`;
  const containersAway = async () => (await awayDocker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).map((c) => ({ name: c.Names[0]!.slice(1), state: c.State })).sort((x, y) => x.name.localeCompare(y.name));

  afterAll(async () => {
    await startEngine(away.name);
    for (const c of await awayDocker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })) await awayDocker.getContainer(c.Id).remove({ force: true }).catch(() => {});
    await awayDocker.getNetwork(`${project}_default`).remove().catch(() => {});
    rmSync(flag, { recursive: true, force: true });
  });

  it('stops with a sentence naming the host and what was left, records the failed revision and audit, and the next up finishes the project', async () => {
    mkdirSync(flag, { recursive: true });
    const awayId = await registerLabHost(deps, admin, away);
    await save(project, file, { hostId: awayId });
    const up = failure(upProject(deps, admin, { hostId: awayId, name: project, waitSeconds: 60 }));
    // up has started a and waits for its health when the engine goes away.
    await waitFor(async () => (await containersAway()).some((c) => c.name === `${project}-a-1` && c.state === 'running'), { timeoutMs: 30_000, what: 'a running' });
    try {
      await stopEngine(away.name);
      const error = await up;
      expect(error.code, error.message).toBe('ENGINE_UNREACHABLE');
      expect(error.message).toContain(`${away.name} stopped answering during up of project ${project}:`);
      expect(error.message).toContain(`Left running from this up: ${project}-a-1.`);
      expect(error.message).toContain('Run up again when the host is back; it continues from there.');
      const revision = await deps.db.composeProjectRevision.findFirst({ where: { project: { hostId: awayId, name: project } }, orderBy: { number: 'desc' } });
      expect(revision?.outcome).toBe('failed');
      expect(await auditLines(deps.db, { action: 'project.up', targetName: `${project} on ${away.name}` })).toEqual([expect.objectContaining({ result: 'failed' })]);
    } finally {
      await startEngine(away.name);
    }

    // The host is back (its containers stopped with it): up again starts a, waits for its health, and makes b.
    expect(await containersAway()).toEqual([{ name: `${project}-a-1`, state: 'exited' }]);
    writeFileSync(`${flag}/ready`, '');
    const again = await upProject(deps, admin, { hostId: awayId, name: project, waitSeconds: 60 });
    expect(again.started.sort()).toEqual([`${project}-a-1`, `${project}-b-1`]);
    expect(await containersAway()).toEqual([{ name: `${project}-a-1`, state: 'running' }, { name: `${project}-b-1`, state: 'running' }]);
    const latest = await deps.db.composeProjectRevision.findFirst({ where: { project: { hostId: awayId, name: project } }, orderBy: { number: 'desc' } });
    expect(latest).toMatchObject({ outcome: 'up', message: null });
  }, 180_000);
});

describe('variables', () => {
  it('keeps a project\'s variables sealed: the revision row holds ciphertext, and its view names them without values', async () => {
    const project = name('sealed');
    await save(project, `services:\n  a:\n    image: ${lab.image}\n    command: ${QUICK}\n    environment: [TOKEN]\n`, { variables: { TOKEN: 'hunter2-sealed-value' } });
    const [revision] = await deps.db.composeProjectRevision.findMany({ where: { project: { name: project } } });
    expect(revision.inputsSealed).not.toContain('hunter2');
    expect(revision.composeText).not.toContain('hunter2');
    await upProject(deps, admin, { hostId, name: project });
    const detail = await readProjectDetail(deps, hostId, project);
    expect(detail.variableNames).toEqual(['TOKEN']);
    expect(JSON.stringify(detail)).not.toContain('hunter2');
    expect((await docker.getContainer(`${project}-a-1`).inspect()).Config.Env).toContain('TOKEN=hunter2-sealed-value');
  });
});

describe('an edit keeps the variables it does not give again (case 41)', () => {
  const project = name('kept');
  const file = (extra = '') => `services:\n  a:\n    image: ${lab.image}\n    command: ${QUICK}\n    environment: [TOKEN, MODE]\n${extra}`;

  it('keeps a variable where the revision it starts from used it, and a value given again wins', async () => {
    await save(project, file(), { variables: { TOKEN: 'kept-token', MODE: 'one' } });
    await save(project, file().replace('[TOKEN, MODE]', '[MODE, TOKEN]'), { create: false, inheritFrom: 1, variables: { MODE: 'two' } });
    await upProject(deps, admin, { hostId, name: project });
    expect((await docker.getContainer(`${project}-a-1`).inspect()).Config.Env).toEqual(expect.arrayContaining(['TOKEN=kept-token', 'MODE=two']));
    expect((await readProjectRevision(deps, hostId, project, 2)).variableNames).toEqual(['MODE', 'TOKEN']);
  });

  it('refuses a kept value moved into a label, audited, storing nothing', async () => {
    const refused = await failure(save(project, file('    labels: ["copy=${TOKEN}"]\n'), { create: false, inheritFrom: 2 }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.problems?.[0]).toMatchObject({ severity: 'error', line: 6 });
    expect(toErrorPayload(refused, 'en').message).toContain('kept from revision 2');
    expect(await deps.db.composeProjectRevision.count({ where: { project: { name: project } } })).toBe(2);
    expect(await auditLines(deps.db, { action: 'project.save', result: 'denied' })).toEqual([expect.objectContaining({ targetName: `${project} on ${host.name}` })]);
    expect(JSON.stringify(await auditLines(deps.db, { action: 'project.save' }))).not.toContain('kept-token');
  });
});

describe('revisions', () => {
  const project = name('history');
  const file = (greeting: string) => `services:\n  a:\n    image: ${lab.image}\n    command: ${QUICK}\n    environment: [GREETING=${greeting}, TOKEN]\n`;
  const envOf = async () => (await docker.getContainer(`${project}-a-1`).inspect()).Config.Env;

  it('reads one revision: its file and the names of its variables, never their values', async () => {
    await save(project, file('one'), { variables: { TOKEN: 'first-secret' } });
    await upProject(deps, admin, { hostId, name: project });
    await save(project, file('two'), { create: false, variables: { TOKEN: 'second-secret' } });
    await upProject(deps, admin, { hostId, name: project });
    expect(await envOf()).toEqual(expect.arrayContaining(['GREETING=two', 'TOKEN=second-secret']));

    const first = await readProjectRevision(deps, hostId, project, 1);
    expect(first).toMatchObject({ number: 1, composeText: file('one'), variableNames: ['TOKEN'], outcome: 'up', restoredFrom: null });
    expect(JSON.stringify(first)).not.toContain('secret');
    expect((await failure(readProjectRevision(deps, hostId, project, 9))).code).toBe('NOT_FOUND');
    expect((await failure(readProjectRevision(deps, hostId, name('nowhere'), 1))).code).toBe('NOT_FOUND');
  });

  it('rolls back to an earlier revision: its file and sealed variables become a new revision, brought up', async () => {
    const result = await rollbackProject(deps, admin, { hostId, name: project, toRevision: 1 });
    expect(result.revision).toBe(3);
    expect(result.up.revision).toBe(3);
    expect(await envOf()).toEqual(expect.arrayContaining(['GREETING=one', 'TOKEN=first-secret']));
    const third = await readProjectRevision(deps, hostId, project, 3);
    expect(third).toMatchObject({ composeText: file('one'), restoredFrom: 1, outcome: 'up', createdByName: admin.username });
    const detail = await readProjectDetail(deps, hostId, project);
    expect(detail.revisions.map((r) => [r.number, r.restoredFrom])).toEqual([[3, 1], [2, null], [1, null]]);
    expect(await auditLines(deps.db, { action: 'project.rollback', result: 'succeeded' })).toEqual([expect.objectContaining({ targetName: `${project} (revision 3) on ${host.name}` })]);
  });

  it('refuses to roll back to the newest revision or one that does not exist, changing nothing', async () => {
    const before = await docker.getContainer(`${project}-a-1`).inspect();
    const newest = await failure(rollbackProject(deps, admin, { hostId, name: project, toRevision: 3 }));
    expect(newest.code).toBe('CONFLICT');
    expect(toErrorPayload(newest, 'en').message).toBe(`Revision 3 is already the newest revision of ${project}: use Up to bring it up again.`);
    expect(toErrorPayload(newest, 'zh-CN').message).toContain('最新修订版本');
    expect((await failure(rollbackProject(deps, admin, { hostId, name: project, toRevision: 7 }))).code).toBe('NOT_FOUND');
    expect(await deps.db.composeProjectRevision.count({ where: { project: { name: project } } })).toBe(3);
    expect((await docker.getContainer(`${project}-a-1`).inspect()).Id).toBe(before.Id);
  });
});
