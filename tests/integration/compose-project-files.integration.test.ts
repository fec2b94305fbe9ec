// A compose project's secrets and configs on a real lab engine: up writes a file secret (its mode
// and owner from the file), an environment secret and a content config into each container before
// its first start, where `cat` in the container reads them back; their content never reaches the
// container's configuration, the project's view or the audit log; a changed secret recreates only
// the service that uses it; an undefined one is refused at its line, storing nothing. Pull pulls
// every service's image from the lab's private registry with its credentials, as jobs with
// progress; Recreate recreates all or one service's containers, after pulling when asked. Relative
// binds resolve against the working directory a project declares (refused without one), and the
// workload policy judges the absolute path.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { readProjectDetail } from '@/lib/services/compose-projects/read-projects.ts';
import { saveProject } from '@/lib/services/compose-projects/save-project.ts';
import { upProject } from '@/lib/services/compose-projects/up-project.ts';
import { downProject } from '@/lib/services/compose-projects/down-project.ts';
import { pullProject } from '@/lib/services/compose-projects/pull-project.ts';
import { recreateProject } from '@/lib/services/compose-projects/recreate-project.ts';
import { readPullJob } from '@/lib/services/containers/pull-image.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { waitFor } from '../support/wait-for.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';

const lab = labState();
const host = lab.hosts[0];
const docker = new Dockerode({ socketPath: host.socket });
const run = randomBytes(3).toString('hex');
const project = `it${run}-files`;
let deps: TestDeps;
let admin: Actor;
let operator: Actor;
let hostId: string;
const folder = mkdtempSync(path.join(tmpdir(), 'wharf-it-project-'));

const QUICK = `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`;
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const API_KEY = `key-${randomBytes(6).toString('hex')}`;

const file = `
services:
  web:
    image: ${lab.image}
    command: ${QUICK}
    secrets:
      - source: db_password
        target: db
        uid: "1000"
        gid: "1001"
        mode: 0400
      - api_key
    configs:
      - source: site
        target: /etc/site.conf
  side:
    image: ${lab.image}
    command: ${QUICK}
    configs: [site]
secrets:
  db_password:
    file: ./secrets/db.txt
  api_key:
    environment: API_KEY
configs:
  site:
    content: "listen \${PORT}"
`;

const save = (files: Record<string, string>, create: boolean, composeText = file) =>
  saveProject(deps, admin, { hostId, name: project, composeText, variables: { API_KEY, PORT: '8080' }, files, profiles: [], create });

/** What a command prints in the container, through the engine's exec. */
async function execIn(container: string, cmd: string[]): Promise<string> {
  const exec = await docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  docker.modem.demuxStream(stream, out, out);
  await new Promise((resolve) => stream.on('end', resolve));
  return Buffer.concat(chunks).toString('utf8');
}

const idOf = async (name: string) => (await docker.getContainer(name).inspect()).Id;

beforeAll(async () => {
  deps = await createTestDeps('compose_project_files');
  admin = (await seedUser(deps.db, 'admin')).actor;
  operator = (await seedUser(deps.db, 'operator')).actor;
  hostId = await registerLabHost(deps, admin, host);
});

afterAll(async () => {
  for (const name of [project, pulled, `it${run}-bound`]) await downProject(deps, admin, { hostId, name, volumes: true, forget: false }).catch(() => {});
  for (const c of await docker.listContainers({ all: true, filters: { label: ['com.docker.compose.project'] } })) {
    if (c.Labels['com.docker.compose.project']?.startsWith(`it${run}-`)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
  }
  // By tag, never by id: a pushed image shares its id with the lab's image, whose tags must stay.
  for (const image of await docker.listImages()) for (const tag of image.RepoTags ?? []) if (tag.includes(`-${run}:`)) await docker.getImage(tag).remove().catch(() => {});
  for (const n of await docker.listNetworks()) if (n.Name.startsWith(`it${run}-`)) await docker.getNetwork(n.Id).remove().catch(() => {});
  rmSync(folder, { recursive: true, force: true });
  await deps?.close();
});

describe('secrets and configs', () => {
  it('writes them into each container before its first start, with the modes and owners of the file', async () => {
    await save({ 'secrets/db.txt': PASSWORD }, true);
    const up = await upProject(deps, admin, { hostId, name: project });
    expect(up.plan.sort()).toEqual(['side: create 1', 'web: create 1']);
    const web = `${project}-web-1`;
    expect(await execIn(web, ['cat', '/run/secrets/db'])).toBe(PASSWORD);
    expect(await execIn(web, ['stat', '-c', '%a %u %g', '/run/secrets/db'])).toBe('400 1000 1001\n');
    expect(await execIn(web, ['cat', '/run/secrets/api_key'])).toBe(API_KEY);
    expect(await execIn(web, ['stat', '-c', '%a %u %g', '/run/secrets/api_key'])).toBe('444 0 0\n');
    expect(await execIn(web, ['cat', '/etc/site.conf'])).toBe('listen 8080');
    expect(await execIn(`${project}-side-1`, ['cat', '/site'])).toBe('listen 8080');
    expect(await execIn(`${project}-side-1`, ['ls', '/run/secrets'])).toMatch(/No such file|^$/);
  });

  it('keeps their content out of the container’s configuration, the project’s view and the audit log', async () => {
    const inspect = await docker.getContainer(`${project}-web-1`).inspect();
    expect(JSON.stringify(inspect)).not.toContain(PASSWORD);
    expect(JSON.stringify(inspect)).not.toContain(API_KEY);
    const detail = await readProjectDetail(deps, hostId, project);
    expect(detail.fileObjects).toEqual([
      { kind: 'config', name: 'site', services: ['web', 'side'] },
      { kind: 'secret', name: 'api_key', services: ['web'] },
      { kind: 'secret', name: 'db_password', services: ['web'] },
    ]);
    expect(JSON.stringify(detail)).not.toMatch(new RegExp(`${PASSWORD}|${API_KEY}`));
    const audit = JSON.stringify(await auditLines(deps.db));
    expect(audit).toContain('project.up');
    expect(audit).not.toMatch(new RegExp(`${PASSWORD}|${API_KEY}`));
  });

  it('a second up changes nothing; a changed secret file recreates only the service that uses it', async () => {
    const web = await idOf(`${project}-web-1`);
    const side = await idOf(`${project}-side-1`);
    expect((await upProject(deps, admin, { hostId, name: project })).plan.sort()).toEqual(['side: keep 1', 'web: keep 1']);
    await save({ 'secrets/db.txt': `${PASSWORD}-2` }, false);
    expect((await upProject(deps, admin, { hostId, name: project })).plan.sort()).toEqual(['side: keep 1', 'web: recreate 1']);
    expect(await idOf(`${project}-side-1`)).toBe(side);
    expect(await idOf(`${project}-web-1`)).not.toBe(web);
    expect(await execIn(`${project}-web-1`, ['cat', '/run/secrets/db'])).toBe(`${PASSWORD}-2`);
  });

  it('refuses a service naming an undefined secret at its line, storing nothing', async () => {
    const before = await deps.db.composeProjectRevision.count();
    const error = await saveProject(deps, admin, {
      hostId, name: `it${run}-ghost`, composeText: `services:\n  a:\n    image: ${lab.image}\n    secrets: [ghost]\n`, variables: {}, files: {}, profiles: [], create: true,
    }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(inEnglish((error as AppError).problems)).toEqual([expect.objectContaining({ line: 4, message: 'undefined secret "ghost"' })]);
    expect(await deps.db.composeProjectRevision.count()).toBe(before);
    expect(await deps.db.composeProject.count({ where: { name: `it${run}-ghost` } })).toBe(0);
  });
});

const pulled = `it${run}-pulled`;

describe('pull and recreate', () => {
  const repo = `lab/project-${run}`;
  const image = `${lab.registry.url.replace(/^https?:\/\//, '')}/${repo}:1.0`;
  const pulledFile = `services:\n  app:\n    image: ${image}\n    command: ${QUICK}\n  other:\n    image: ${image}\n    command: ${QUICK}\n`;
  const imageOf = async (container: string) => (await docker.getContainer(container).inspect()).Image;

  beforeAll(async () => {
    await addRegistry(deps, admin, registryFormSchema.parse({ name: `lab-${run}`, kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password }));
    await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0');
    await saveProject(deps, admin, { hostId, name: pulled, composeText: pulledFile, variables: {}, files: {}, profiles: [], create: true });
  });

  it('pulls every service’s image once, with the registry’s credentials, as a job with progress; audited', async () => {
    const result = await pullProject(deps, admin, { hostId, name: pulled });
    expect(result.jobs.map((j) => [j.image, j.registry])).toEqual([[image, `lab-${run}`]]);
    const job = await waitFor(async () => {
      const read = await readPullJob(deps, { hostId, jobId: result.jobs[0].jobId });
      return read.finishedAt ? read : null;
    }, { timeoutMs: 60_000, what: 'the pull to end' });
    expect(job.progress).toMatchObject({ state: 'succeeded', error: null });
    expect(await auditLines(deps.db, { action: 'project.pull', result: 'succeeded' })).toEqual([expect.objectContaining({ targetId: `${hostId}/${pulled}`, message: image })]);
    const up = await upProject(deps, admin, { hostId, name: pulled });
    expect(up.plan).toEqual(['app: create 1', 'other: create 1']);
  });

  it('recreates one service after pulling its newer image, and every service when asked, unchanged or not', async () => {
    const before = { app: await idOf(`${pulled}-app-1`), other: await idOf(`${pulled}-other-1`) };
    const oldImage = await imageOf(`${pulled}-app-1`);
    await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0', `newer-${run}`);
    const one = await recreateProject(deps, admin, { hostId, name: pulled, service: 'app', pull: true });
    expect(one.pulled).toEqual([image]);
    expect(one.plan).toEqual(['app: recreate 1', 'other: keep 1']);
    expect(await idOf(`${pulled}-app-1`)).not.toBe(before.app);
    expect(await idOf(`${pulled}-other-1`)).toBe(before.other);
    expect(await imageOf(`${pulled}-app-1`)).not.toBe(oldImage);
    const all = await recreateProject(deps, admin, { hostId, name: pulled, pull: false });
    expect(all.plan).toEqual(['app: recreate 1', 'other: recreate 1']);
    expect(await idOf(`${pulled}-other-1`)).not.toBe(before.other);
    expect((await auditLines(deps.db, { action: 'project.recreate', result: 'succeeded' })).length).toBe(2);
  });

  it('refuses a service the project does not have, and says which pull failed, recreating nothing', async () => {
    const error = await recreateProject(deps, admin, { hostId, name: pulled, service: 'ghost', pull: false }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
    const before = await idOf(`${pulled}-app-1`);
    const absent = `${lab.registry.url.replace(/^https?:\/\//, '')}/lab/absent-${run}:1.0`;
    await saveProject(deps, admin, { hostId, name: pulled, composeText: pulledFile.replace(`image: ${image}\n    command: ${QUICK}\n  other`, `image: ${absent}\n    command: ${QUICK}\n  other`), variables: {}, files: {}, profiles: [], create: false });
    const failed = await recreateProject(deps, admin, { hostId, name: pulled, service: 'app', pull: true }).then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    const said = inEnglish((failed as AppError).said) as string;
    expect(said).toContain(`Pulling ${absent} on ${host.name} failed: `);
    expect(said).toMatch(/Nothing was recreated\.$/);
    expect(await idOf(`${pulled}-app-1`)).toBe(before);
  });
});

describe('relative binds', () => {
  const bound = `it${run}-bound`;
  const boundFile = `services:\n  a:\n    image: ${lab.image}\n    command: ${QUICK}\n    volumes: ["./data:/data"]\n`;

  it('are refused at their line while the project declares no working directory, storing nothing', async () => {
    const error = await saveProject(deps, admin, { hostId, name: bound, composeText: boundFile, variables: {}, files: {}, profiles: [], create: true }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(inEnglish((error as AppError).problems)).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining("set the project's working directory on the host") })]);
    expect(await deps.db.composeProject.count({ where: { name: bound } })).toBe(0);
  });

  it('resolve against the working directory it declares, named in the working_dir label', async () => {
    await saveProject(deps, admin, { hostId, name: bound, composeText: boundFile, variables: {}, files: {}, profiles: [], create: true, workingDir: folder });
    expect((await upProject(deps, admin, { hostId, name: bound })).plan).toEqual(['a: create 1']);
    const inspect = await docker.getContainer(`${bound}-a-1`).inspect();
    expect(inspect.HostConfig.Binds).toEqual([`${folder}/data:/data:rw`]);
    expect(inspect.Config.Labels['com.docker.compose.project.working_dir']).toBe(folder);
    expect((await readProjectDetail(deps, hostId, bound)).workingDir).toBe(folder);
    // An edit that does not give it again keeps it.
    await saveProject(deps, admin, { hostId, name: bound, composeText: boundFile.replace('/data"', '/data:ro"'), variables: {}, files: {}, profiles: [], create: false });
    expect((await upProject(deps, admin, { hostId, name: bound })).plan).toEqual(['a: recreate 1']);
    expect((await docker.getContainer(`${bound}-a-1`).inspect()).HostConfig.Binds).toEqual([`${folder}/data:/data:ro`]);
  });

  it('the workload policy judges the absolute path: an operator’s ../ that reaches the host’s root is refused, audited, before anything is made', async () => {
    const escape = `it${run}-climb`;
    await saveProject(deps, operator, { hostId, name: escape, composeText: boundFile.replace('./data', '../..'), variables: {}, files: {}, profiles: [], create: true, workingDir: '/srv/x' });
    const error = await upProject(deps, operator, { hostId, name: escape }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FORBIDDEN');
    expect(await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${escape}`] } })).toEqual([]);
    expect(await auditLines(deps.db, { action: 'project.up', result: 'denied' })).toEqual([expect.objectContaining({ targetName: `${escape} on ${host.name}` })]);
  });
});
