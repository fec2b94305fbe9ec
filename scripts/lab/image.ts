// The lab image: local/busybox:latest built once from the static busybox as a tar, imported into each engine that lacks it.
import { createReadStream, existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { IMAGE } from './state.ts';
import { dockerApi } from './http.ts';
import { isStaticElf } from './packages.ts';
import { LabError, childEnv, run } from './run.ts';

const REQUIRED_APPLETS = ['sh', 'httpd', 'sleep', 'echo', 'hostname', 'cat', 'ls', 'wget', 'nc', 'env'];

export const imageTarPath = (dir: string) => join(dir, 'image', 'busybox.tar');

function staticBusybox(): string {
  for (const p of ['/bin/busybox', '/usr/bin/busybox']) if (existsSync(p) && isStaticElf(p)) return p;
  throw new LabError('image', 'no statically linked busybox at /bin/busybox (install busybox-static)');
}

/** Builds <dir>/image/busybox.tar (static busybox + a symlink per applet) unless it exists. */
export async function ensureImageTar(dir: string): Promise<string> {
  const tar = imageTarPath(dir);
  if (existsSync(tar)) return tar;
  const base = join(dir, 'image');
  const rootfs = join(base, 'rootfs');
  await fsp.rm(rootfs, { recursive: true, force: true });
  const busybox = staticBusybox();
  const applets = (await run(busybox, ['--list'])).stdout.split('\n').map((s) => s.trim()).filter((s) => s && s !== 'busybox' && !s.includes('/'));
  for (const a of REQUIRED_APPLETS) if (!applets.includes(a)) throw new LabError('image', `${busybox} lacks the ${a} applet`);

  for (const d of ['bin', 'etc', 'dev', 'proc', 'sys', 'var/www', 'var/log', 'home', 'usr']) await fsp.mkdir(join(rootfs, d), { recursive: true });
  await fsp.mkdir(join(rootfs, 'tmp'), { mode: 0o1777 });
  await fsp.chmod(join(rootfs, 'tmp'), 0o1777);
  await fsp.mkdir(join(rootfs, 'root'), { mode: 0o700 });
  await fsp.copyFile(busybox, join(rootfs, 'bin', 'busybox'));
  await fsp.chmod(join(rootfs, 'bin', 'busybox'), 0o755);
  for (const a of applets) await fsp.symlink('busybox', join(rootfs, 'bin', a));
  await fsp.symlink('bin', join(rootfs, 'sbin'));
  await fsp.symlink('../bin', join(rootfs, 'usr', 'bin'));
  await fsp.symlink('../bin', join(rootfs, 'usr', 'sbin'));
  await fsp.writeFile(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  await fsp.writeFile(join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
  await fsp.writeFile(join(rootfs, 'var', 'www', 'index.html'), 'wharf lab\n');

  const tmp = `${tar}.tmp`;
  await run('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', rootfs, '-cf', tmp, '.'], { timeoutMs: 60_000 });
  await fsp.rename(tmp, tar);
  await fsp.rm(rootfs, { recursive: true, force: true });
  return tar;
}

export const imagePresent = (socket: string) => engineHasImage(socket, IMAGE);

export async function engineHasImage(socket: string, ref: string): Promise<boolean> {
  return (await dockerApi(socket, 'GET', `/images/${ref}/json`)).status === 200;
}

/** `docker import` of a root filesystem tar as `ref` into the engine behind `socket`, with Dockerfile-like changes. */
export async function importImage(socket: string, tar: string, ref: string, changes: string[], timeoutMs = 120_000): Promise<void> {
  const [repo, tag] = ref.split(':');
  const qs = new URLSearchParams({ fromSrc: '-', repo, tag });
  for (const change of changes) qs.append('changes', change);
  const res = await dockerApi(socket, 'POST', `/images/create?${qs}`, createReadStream(tar), timeoutMs, { 'Content-Type': 'application/x-tar' });
  const text = res.body.toString();
  if (res.status !== 200 || /"error"/.test(text)) throw new Error(`import answered ${res.status}: ${text.slice(0, 500)}`);
  if (!(await engineHasImage(socket, ref))) throw new Error(`import finished but ${ref} is not listed`);
}

/** Imports the tar as local/busybox:latest into the engine behind `socket` unless it is there. Returns true if imported. */
export async function ensureImage(component: string, socket: string, tar: string): Promise<boolean> {
  try {
    if (await imagePresent(socket)) return false;
    await importImage(socket, tar, IMAGE, ['CMD ["sh"]', 'LABEL org.wharf.lab=busybox']);
    return true;
  } catch (e) {
    if (e instanceof LabError) throw e;
    throw new LabError(component, `importing ${IMAGE}: ${(e as Error).message}`);
  }
}

/** `docker run --rm local/busybox:latest echo ok` on one engine must print ok. */
export async function verifyContainerRuns(component: string, dir: string, socket: string): Promise<void> {
  const res = await run('docker', ['-H', `unix://${socket}`, 'run', '--rm', IMAGE, 'echo', 'ok'], {
    allowFail: true,
    timeoutMs: 60_000,
    env: childEnv({ DOCKER_CONFIG: join(dir, 'docker-config') }),
  });
  if (res.code !== 0 || res.stdout.trim() !== 'ok') {
    throw new LabError(component, `docker run --rm ${IMAGE} echo ok failed (exit ${res.code}): ${(res.stderr || res.stdout).trim()}`);
  }
}
