// Base images for building and running Wharf's own container in the lab, where no image can be
// pulled: a Debian 12 root filesystem made by debootstrap from the machine's Debian mirror, with
// Node added (local/node:20-bookworm, standing in for node:20-bookworm-slim), and the same with
// Debian's postgresql-15 and an entry point speaking the official image's variables
// (local/postgres:15-bookworm, standing in for postgres). Each is built once into <labDir>/base/ as
// a tar and imported (`docker import`) only into the engines that lack it.
//
// Node: Debian 12's own nodejs is 18.20, below package.json's engines (>=20.19), so the image takes
// the Node binary this machine runs (process.execPath, built for Debian 12: it needs only glibc and
// libstdc++, both in the minimal base) with the npm installed beside it.
import { existsSync, readFileSync, readdirSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { engineHasImage, importImage } from './image.ts';
import { which } from './packages.ts';
import { LabError, childEnv, progress, run } from './run.ts';
import { labDir, withLabLock } from './state.ts';

export const LAB_NODE_IMAGE = 'local/node:20-bookworm';
export const LAB_POSTGRES_IMAGE = 'local/postgres:15-bookworm';

const SUITE = 'bookworm';
const DEFAULT_MIRROR = 'http://deb.debian.org/debian';
const IMAGE_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

type BaseImage = { ref: string; tar: string; changes: string[] };

/**
 * The Debian mirror this machine's apt uses for the main archive (not -security, not a third-party
 * repository), from the text of its sources (one-line `deb` entries or deb822 stanzas).
 */
export function debianMirror(sources: string): string {
  const candidates: string[] = [];
  for (const line of sources.split('\n').map((l) => l.trim())) {
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
    if (oneLine && oneLine[2] === SUITE) candidates.push(oneLine[1]);
    const uris = /^URIs:\s*(.+)$/i.exec(line);
    if (uris) candidates.push(...uris[1].split(/\s+/));
  }
  const main = candidates.find((uri) => /^https?:\/\/[^/]+\/debian\/?$/.test(uri));
  return (main ?? DEFAULT_MIRROR).replace(/\/$/, '');
}

function machineSources(): string {
  const files = ['/etc/apt/sources.list'];
  try {
    for (const name of readdirSync('/etc/apt/sources.list.d')) files.push(join('/etc/apt/sources.list.d', name));
  } catch {
    /* no folder */
  }
  return files.map((file) => (existsSync(file) ? readFileSync(file, 'utf8') : '')).join('\n');
}

const baseDir = (dir: string) => join(dir, 'base');

/** Where the Node binary and the npm beside it come from (process.execPath, see the header). */
function nodeInstall(): { node: string; npm: string } {
  const node = process.execPath;
  const npm = join(dirname(dirname(node)), 'lib', 'node_modules', 'npm');
  if (!existsSync(join(npm, 'bin', 'npm-cli.js'))) throw new LabError('base image', `no npm beside ${node} (looked in ${npm})`);
  return { node, npm };
}

async function ensureDebootstrap(): Promise<void> {
  if (which('debootstrap')) return;
  progress('installing Debian package: debootstrap');
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  await run('apt-get', ['install', '-y', 'debootstrap'], { env, allowFail: true, timeoutMs: 10 * 60_000 }).then(async (r) => {
    if (r.code !== 0) await run('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 }).then(() => run('apt-get', ['install', '-y', 'debootstrap'], { env, timeoutMs: 10 * 60_000 }));
  });
}

async function packRootfs(rootfs: string, tar: string): Promise<void> {
  const tmp = `${tar}.tmp`;
  await run('tar', ['--numeric-owner', '-C', rootfs, '-cf', tmp, '.'], { timeoutMs: 5 * 60_000 });
  await fsp.rename(tmp, tar);
}

const inChroot = (rootfs: string, args: string[]) =>
  run('chroot', [rootfs, 'env', 'DEBIAN_FRONTEND=noninteractive', IMAGE_PATH, ...args], { timeoutMs: 15 * 60_000, env: childEnv() });

async function cleanApt(rootfs: string): Promise<void> {
  await inChroot(rootfs, ['apt-get', 'clean']);
  await fsp.rm(join(rootfs, 'var/lib/apt/lists'), { recursive: true, force: true });
  await fsp.mkdir(join(rootfs, 'var/lib/apt/lists/partial'), { recursive: true });
}

/** debootstrap (minbase) + Node and npm from this machine. */
async function buildNodeRootfs(rootfs: string): Promise<void> {
  await ensureDebootstrap();
  const mirror = debianMirror(machineSources());
  progress(`base image: debootstrap ${SUITE} from ${mirror}`);
  await fsp.rm(rootfs, { recursive: true, force: true });
  const strap = await run('debootstrap', ['--variant=minbase', '--include=ca-certificates', SUITE, rootfs, mirror], { timeoutMs: 20 * 60_000, allowFail: true });
  if (strap.code !== 0) throw new LabError('base image', `debootstrap from ${mirror} failed (exit ${strap.code})`, (strap.stderr || strap.stdout).split('\n').slice(-20).join('\n'));
  const { node, npm } = nodeInstall();
  await fsp.copyFile(node, join(rootfs, 'usr/local/bin/node'));
  await fsp.chmod(join(rootfs, 'usr/local/bin/node'), 0o755);
  await fsp.mkdir(join(rootfs, 'usr/local/lib/node_modules'), { recursive: true });
  await fsp.cp(npm, join(rootfs, 'usr/local/lib/node_modules/npm'), { recursive: true, verbatimSymlinks: true });
  await fsp.symlink('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm'));
  await fsp.symlink('../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/local/bin/npx'));
  const version = await inChroot(rootfs, ['node', '--version']);
  progress(`base image: node ${version.stdout.trim()} runs in the Debian ${SUITE} root`);
  await cleanApt(rootfs);
}

/** The node root + Debian's postgresql-15 (no cluster made, no service started) + the entry point. */
async function buildPostgresRootfs(nodeRootfs: string, rootfs: string): Promise<void> {
  await fsp.rm(rootfs, { recursive: true, force: true });
  await run('cp', ['-a', nodeRootfs, rootfs], { timeoutMs: 5 * 60_000 });
  await fsp.writeFile(join(rootfs, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  await fsp.mkdir(join(rootfs, 'etc/postgresql-common'), { recursive: true });
  await fsp.writeFile(join(rootfs, 'etc/postgresql-common/createcluster.conf'), 'create_main_cluster = false\n');
  progress('base image: postgresql-15 into a copy of the Debian root');
  await inChroot(rootfs, ['apt-get', 'update']);
  await inChroot(rootfs, ['apt-get', 'install', '-y', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confold', 'postgresql-15']);
  await fsp.rm(join(rootfs, 'usr/sbin/policy-rc.d'));
  await fsp.copyFile(join(import.meta.dirname, 'base', 'postgres-entrypoint.sh'), join(rootfs, 'usr/local/bin/docker-entrypoint.sh'));
  await fsp.chmod(join(rootfs, 'usr/local/bin/docker-entrypoint.sh'), 0o755);
  await cleanApt(rootfs);
}

function images(dir: string): { node: BaseImage; postgres: BaseImage } {
  const base = baseDir(dir);
  return {
    node: { ref: LAB_NODE_IMAGE, tar: join(base, 'node-bookworm.tar'), changes: [`ENV ${IMAGE_PATH}`, 'CMD ["node"]', 'LABEL org.wharf.lab=base-node'] },
    postgres: {
      ref: LAB_POSTGRES_IMAGE,
      tar: join(base, 'postgres-bookworm.tar'),
      changes: [
        `ENV ${IMAGE_PATH}`,
        'ENV PGDATA=/var/lib/postgresql/data',
        'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]',
        'EXPOSE 5432',
        'LABEL org.wharf.lab=base-postgres',
      ],
    },
  };
}

/** Builds the base images' tars under <dir>/base unless they are there (one builder at a time). */
export async function ensureBaseImageTars(dir = labDir()): Promise<{ node: BaseImage; postgres: BaseImage }> {
  const wanted = images(dir);
  if (existsSync(wanted.node.tar) && existsSync(wanted.postgres.tar)) return wanted;
  await fsp.mkdir(baseDir(dir), { recursive: true });
  return withLabLock(join(baseDir(dir), 'build'), async () => {
    const nodeRootfs = join(baseDir(dir), 'rootfs-node');
    const postgresRootfs = join(baseDir(dir), 'rootfs-postgres');
    try {
      if (!existsSync(wanted.node.tar)) {
        await buildNodeRootfs(nodeRootfs);
        await packRootfs(nodeRootfs, wanted.node.tar);
      }
      if (!existsSync(wanted.postgres.tar)) {
        if (!existsSync(join(nodeRootfs, 'usr/local/bin/node'))) await buildNodeRootfs(nodeRootfs);
        await buildPostgresRootfs(nodeRootfs, postgresRootfs);
        await packRootfs(postgresRootfs, wanted.postgres.tar);
      }
    } finally {
      await fsp.rm(nodeRootfs, { recursive: true, force: true });
      await fsp.rm(postgresRootfs, { recursive: true, force: true });
    }
    return wanted;
  });
}

/**
 * Makes sure the engines behind these sockets have local/node:20-bookworm and
 * local/postgres:15-bookworm: builds the tars once, imports only where an image is missing.
 * Returns what it imported, per socket.
 */
export async function ensureLabBaseImages(sockets: string[], dir = labDir()): Promise<Record<string, string[]>> {
  const refs = Object.values(images(dir)).map((image) => image.ref);
  const missing = await Promise.all(sockets.map(async (socket) => (await Promise.all(refs.map((ref) => engineHasImage(socket, ref)))).some((present) => !present)));
  const imported: Record<string, string[]> = Object.fromEntries(sockets.map((socket) => [socket, []]));
  if (!missing.some(Boolean)) return imported;
  const built = await ensureBaseImageTars(dir);
  for (const socket of sockets) {
    for (const image of Object.values(built)) {
      if (await engineHasImage(socket, image.ref)) continue;
      try {
        await importImage(socket, image.tar, image.ref, image.changes, 5 * 60_000);
      } catch (error) {
        throw new LabError('base image', `importing ${image.ref} into ${socket}: ${(error as Error).message}`);
      }
      imported[socket].push(image.ref);
    }
  }
  return imported;
}
