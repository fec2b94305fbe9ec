// Parity with Compose: the same file brought up by Debian's docker-compose 1.29 on one lab host and
// by Wharf on another, compared field by field — containers, networks and volumes — where v1 and
// v2 agree; where v2 differs (container names with "-", its extra labels), Wharf's side is held to
// the v2 form (docs/compose.md lists each difference).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { saveProject } from '@/lib/services/compose-projects/save-project.ts';
import { upProject } from '@/lib/services/compose-projects/up-project.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';

const exec = promisify(execFile);
const lab = labState();
const [cliHost, wharfHost] = [lab.hosts[1], lab.hosts[2]];
const cli = new Dockerode({ socketPath: cliHost.socket });
const wharf = new Dockerode({ socketPath: wharfHost.socket });
const project = `parity${randomBytes(3).toString('hex')}`;
const port = 22_000 + (parseInt(project.slice(-4), 16) % 9_000);
const folder = mkdtempSync(join(tmpdir(), 'wharf-compose-parity-'));
let deps: TestDeps;
let admin: Actor;

const FILE = `version: "3.8"
services:
  db:
    image: ${lab.image}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    environment:
      ROLE: db
    labels:
      tier: back
    volumes:
      - data:/var/data
      - /tmp:/host-tmp:ro
    healthcheck:
      test: ["CMD", "true"]
      interval: 2s
      timeout: 1s
      retries: 3
  web:
    image: ${lab.image}
    command: ["httpd", "-f", "-p", "80", "-h", "/bin"]
    environment:
      - GREETING=hello
    ports:
      - "${port}:80"
    restart: unless-stopped
    depends_on: [db]
    networks: [default, back]
networks:
  back:
    labels: {purpose: parity}
volumes:
  data:
    labels: {keep: "yes"}
`;

const byName = <T extends { Name?: string }>(list: T[]) => [...list].sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
const compose = (args: string[]) => exec('docker-compose', ['--no-ansi', '-p', project, '-f', join(folder, 'compose.yml'), ...args], { env: { ...process.env, DOCKER_HOST: `unix://${cliHost.socket}`, COMPOSE_INTERACTIVE_NO_CLI: '1' }, timeout: 120_000 });

async function containers(docker: Dockerode) {
  const list = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  return byName(await Promise.all(list.map((c) => docker.getContainer(c.Id).inspect())));
}
const networks = async (docker: Dockerode) => byName(await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } }));
const volumes = async (docker: Dockerode) => byName((await docker.listVolumes({ filters: { label: [`com.docker.compose.project=${project}`] } })).Volumes ?? []);

const pick = (labels: Record<string, string> | null | undefined, keys: string[]) => Object.fromEntries(keys.filter((k) => labels && k in labels).map((k) => [k, labels![k]]));
const SHARED_LABELS = ['com.docker.compose.project', 'com.docker.compose.service', 'com.docker.compose.container-number', 'com.docker.compose.oneoff', 'tier'];

/** What v1 and v2 agree on for one container. */
function agreed(c: Dockerode.ContainerInspectInfo) {
  return {
    service: c.Config.Labels['com.docker.compose.service'],
    image: c.Config.Image,
    cmd: c.Config.Cmd,
    env: [...(c.Config.Env ?? [])].sort(),
    labels: pick(c.Config.Labels, SHARED_LABELS),
    healthcheck: c.Config.Healthcheck ?? null,
    exposed: Object.keys(c.Config.ExposedPorts ?? {}).sort(),
    restart: c.HostConfig.RestartPolicy,
    ports: c.HostConfig.PortBindings,
    networkMode: c.HostConfig.NetworkMode,
    networks: Object.keys(c.NetworkSettings.Networks).sort(),
    mounts: c.Mounts.map((m) => ({ type: m.Type, name: m.Name ?? null, source: m.Type === 'bind' ? m.Source : null, destination: m.Destination, rw: m.RW })).sort((a, b) => a.destination.localeCompare(b.destination)),
    running: c.State.Running,
  };
}

beforeAll(async () => {
  writeFileSync(join(folder, 'compose.yml'), FILE);
  deps = await createTestDeps('compose_parity');
  admin = (await seedUser(deps.db, 'admin')).actor;
  const hostId = await registerLabHost(deps, admin, wharfHost);
  await compose(['up', '-d']);
  await saveProject(deps, admin, { hostId, name: project, composeText: FILE, variables: {}, files: {}, profiles: [], create: true });
  await upProject(deps, admin, { hostId, name: project });
}, 180_000);

afterAll(async () => {
  await compose(['down', '-v']).catch(() => {});
  for (const docker of [cli, wharf]) {
    for (const c of await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } }).catch(() => [])) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
    for (const n of await networks(docker).catch(() => [])) await docker.getNetwork(n.Id).remove().catch(() => {});
    for (const v of await volumes(docker).catch(() => [])) await docker.getVolume(v.Name).remove().catch(() => {});
  }
  rmSync(folder, { recursive: true, force: true });
  await deps?.close();
});

describe('the same file, by docker-compose 1.29 and by Wharf', () => {
  it('was really brought up by docker-compose 1.x', async () => {
    const { stdout } = await exec('docker-compose', ['version', '--short']);
    expect(stdout.trim()).toMatch(/^1\.29\./);
    expect((await containers(cli)).map((c) => c.Config.Labels['com.docker.compose.version'])).toEqual([expect.stringMatching(/^1\.29\./), expect.stringMatching(/^1\.29\./)]);
  });

  it('makes containers that agree field by field where v1 and v2 agree', async () => {
    const [theirs, ours] = [await containers(cli), await containers(wharf)];
    expect(theirs).toHaveLength(2);
    expect(ours.map(agreed)).toEqual(theirs.map(agreed));
  });

  it('names containers as v2 does ("-" where v1 wrote "_"), with v2\'s labels', async () => {
    expect((await containers(cli)).map((c) => c.Name)).toEqual([`/${project}_db_1`, `/${project}_web_1`]);
    const ours = await containers(wharf);
    expect(ours.map((c) => c.Name)).toEqual([`/${project}-db-1`, `/${project}-web-1`]);
    expect(ours[1].Config.Labels).toMatchObject({
      'com.docker.compose.version': '2.0.0+wharf',
      'com.docker.compose.depends_on': 'db:service_started:false',
      'com.docker.compose.project.working_dir': `/wharf/projects/${project}`,
      'com.docker.compose.config-hash': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(ours[1].NetworkSettings.Networks[`${project}_default`].Aliases).toEqual(expect.arrayContaining([`${project}-web-1`, 'web']));
    expect((await containers(cli))[1].NetworkSettings.Networks[`${project}_default`].Aliases).toEqual(expect.arrayContaining(['web']));
  });

  it('makes the same networks and volumes, with the same names, drivers and labels', async () => {
    const net = (n: Dockerode.NetworkInspectInfo) => ({ name: n.Name, driver: n.Driver, internal: n.Internal, labels: pick(n.Labels, ['com.docker.compose.project', 'com.docker.compose.network', 'purpose']) });
    const [theirNetworks, ourNetworks] = [await networks(cli), await networks(wharf)];
    expect(theirNetworks.map((n) => n.Name)).toEqual([`${project}_back`, `${project}_default`]);
    expect(ourNetworks.map(net)).toEqual(theirNetworks.map(net));
    const vol = (v: { Name: string; Driver: string; Labels: Record<string, string> | null }) => ({ name: v.Name, driver: v.Driver, labels: pick(v.Labels, ['com.docker.compose.project', 'com.docker.compose.volume', 'keep']) });
    const [theirVolumes, ourVolumes] = [await volumes(cli), await volumes(wharf)];
    expect(theirVolumes.map((v) => v.Name)).toEqual([`${project}_data`]);
    expect(ourVolumes.map(vol)).toEqual(theirVolumes.map(vol));
  });
});
