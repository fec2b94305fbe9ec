// Wharf's container image, built in the lab the way `npm run image:build -- --lab` builds it (lab-1's
// engine, the lab's Debian base image made by debootstrap, node_modules shipped since the lab's
// builds have no network), then run there: as the unprivileged user `wharf` with its own Postgres,
// healthy by its HEALTHCHECK, the data folder a volume, the sealing key and auth secret read from
// Docker secret files; and a secret file it cannot read stops it with one sentence.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabState, type HostState } from '@/scripts/lab/index.ts';
import { buildImage, labImageOptions } from '@/scripts/image/build-image.ts';
import { waitFor } from '../support/wait-for.ts';

const TAG = 'wharf:lab';
const LABEL = { 'wharf.test': 'container-image' };

let host: HostState;
let docker: Dockerode;
let secrets: string;

async function demuxedLogs(container: Dockerode.Container): Promise<string> {
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  // Without a TTY each frame has an 8-byte header: keep the payloads.
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString();
}

async function runWharf(env: string[]): Promise<Dockerode.Container> {
  const container = await docker.createContainer({
    Image: TAG,
    Labels: LABEL,
    Env: ['WHARF_LOCAL_ENGINE=off', ...env],
    ExposedPorts: { '3000/tcp': {} },
    HostConfig: { Binds: [`${secrets}:/run/secrets:ro`], PortBindings: { '3000/tcp': [{ HostIp: host.address, HostPort: '' }] } },
  });
  await container.start();
  return container;
}

beforeAll(async () => {
  const lab = await readLabState();
  if (!lab) throw new Error('the lab is not up');
  host = lab.hosts[0];
  docker = new Dockerode({ socketPath: host.socket });
  await buildImage({ ...(await labImageOptions(host.name, TAG)), quiet: true });
  secrets = await mkdtemp(path.join(os.tmpdir(), 'wharf-image-secrets-'));
  await chmod(secrets, 0o755);
  // As Docker secrets are mounted: owned by root, readable by everyone in the container.
  await writeFile(path.join(secrets, 'wharf_secret_key'), `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o444 });
  await writeFile(path.join(secrets, 'wharf_auth_secret'), 'an auth secret from a docker secret\n', { mode: 0o444 });
}, 20 * 60_000);

afterAll(async () => {
  for (const info of await docker.listContainers({ all: true, filters: { label: ['wharf.test=container-image'] } })) {
    await docker.getContainer(info.Id).remove({ force: true, v: true });
  }
  if (secrets) await rm(secrets, { recursive: true, force: true });
});

describe("Wharf's container image", () => {
  it('runs as the unprivileged user wharf, keeps /data in a volume, and checks its health on /healthz', async () => {
    const { Config } = await docker.getImage(TAG).inspect();
    expect(Config.User).toBe('wharf');
    expect(Object.keys(Config.Volumes ?? {})).toEqual(['/data']);
    expect((Config as { Healthcheck?: { Test: string[] } }).Healthcheck?.Test.join(' ')).toContain('/healthz');
  });

  it('starts with its own Postgres as that user, turns healthy, and takes the sealing key and auth secret from secret files', async () => {
    const container = await runWharf(['WHARF_SECRET_KEY_FILE=/run/secrets/wharf_secret_key', 'NEXTAUTH_SECRET_FILE=/run/secrets/wharf_auth_secret']);
    await waitFor(async () => (await container.inspect()).State.Health?.Status === 'healthy', { timeoutMs: 180_000, intervalMs: 1000, what: 'the container to turn healthy' });

    const port = (await container.inspect()).NetworkSettings.Ports['3000/tcp']?.[0]?.HostPort;
    const ready = await fetch(`http://${host.address}:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await demuxedLogs(container)).toContain("Postgres: Wharf's own, in /data/postgres");

    // Every process in the container, the console and its Postgres, runs as wharf (uid 10001).
    const top = (await container.top({ ps_args: '-o pid,uid,comm' })) as { Titles: string[]; Processes: string[][] };
    const uidColumn = top.Titles.indexOf('UID');
    const processes = top.Processes.map((row) => ({ uid: row[uidColumn], command: row[row.length - 1] }));
    expect(processes.some((p) => p.command === 'postgres')).toBe(true);
    expect(processes.filter((p) => p.uid !== '10001')).toEqual([]);

    // The key and the secret came from the files: nothing was generated into the data folder.
    const exec = await container.exec({ Cmd: ['sh', '-c', 'ls /data'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({});
    const listing = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    expect(listing).toContain('postgres');
    expect(listing).not.toContain('secret-keys.json');
    expect(listing).not.toContain('auth-secret');
  });

  it('stops with one sentence when a secret file cannot be read', async () => {
    const container = await runWharf(['WHARF_SECRET_KEY_FILE=/run/secrets/not_there']);
    const exit = (await container.wait()) as { StatusCode: number };
    expect(exit.StatusCode).toBe(1);
    const logs = (await demuxedLogs(container)).trim();
    expect(logs).toBe('WHARF_SECRET_KEY_FILE names /run/secrets/not_there, which Wharf cannot read (ENOENT); give a file this user can read (a Docker secret is at /run/secrets/<name>) and start again.');
  });
});
