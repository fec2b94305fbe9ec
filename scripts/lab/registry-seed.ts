// Images the lab's registries hold after `up`, pushed through the registry HTTP API (no engine, no
// internet): the lab's busybox root filesystem (the tar the engines import) as one gzipped layer,
// under `lab/busybox` tags 1.0 (one config), 1.1 and latest (a second config with another label),
// and `lab/multi:1.0`, a manifest list of linux/amd64 and linux/arm64 (the same layer; only the
// platform in their configs differs). The htpasswd registry also gets `lab/empty`, a repository
// whose only manifest was deleted (no tags left), and `lab/big:1.0`, an image of realistic size for
// the pull benchmark: the busybox layer under three layers each holding one of this machine's
// container binaries (docker, containerd, runc: ~40 MB gzipped, ~100 MB unpacked), made once into
// the lab dir (reproducible tars: sorted, mtime 0, owner 0). Pushing again is a no-op: blobs and
// manifests are content-addressed. Tests push their own repositories with `pushLabImage`.
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp, realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';
import type { LabState, RegistryState, TokenRegistryState } from './state.ts';
import { labToken } from './token-registry.ts';
import { LabError, run, SYSTEM_PATH } from './run.ts';

const gzip = promisify(gzipCallback);

const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const CONFIG = 'application/vnd.docker.container.image.v1+json';
const LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Where to push and how to authenticate there (Basic, or a token per repository from the lab's token server). */
export type LabRegistry = { base: string; authFor: (repo: string) => Promise<string> };

export function basicRegistry(r: RegistryState): LabRegistry {
  const header = 'Basic ' + Buffer.from(`${r.username}:${r.password}`).toString('base64');
  return { base: `http://${r.url}`, authFor: async () => header };
}

export function tokenRegistry(t: TokenRegistryState): LabRegistry {
  return { base: `http://${t.url}`, authFor: async (repo) => `Bearer ${await labToken(t, `repository:${repo}:pull,push,delete`)}` };
}

async function call(reg: LabRegistry, repo: string, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
  const url = path.startsWith('http') ? path : `${reg.base}${path}`;
  return fetch(url, { method, body: body ? new Uint8Array(body) : undefined, headers: { Authorization: await reg.authFor(repo), ...headers }, redirect: 'manual' });
}

async function expect(res: Response, ok: number[], what: string): Promise<Response> {
  if (!ok.includes(res.status)) throw new LabError('registry seed', `${what} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res;
}

async function pushBlob(reg: LabRegistry, repo: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  if ((await call(reg, repo, 'HEAD', `/v2/${repo}/blobs/${digest}`)).status === 200) return digest;
  const start = await expect(await call(reg, repo, 'POST', `/v2/${repo}/blobs/uploads/`), [202], `upload start in ${repo}`);
  const location = new URL(start.headers.get('location')!, reg.base);
  location.searchParams.set('digest', digest);
  await expect(await call(reg, repo, 'PUT', location.toString(), blob, { 'Content-Type': 'application/octet-stream' }), [201], `blob ${digest} in ${repo}`);
  return digest;
}

async function putManifest(reg: LabRegistry, repo: string, reference: string, manifest: Buffer, type: string): Promise<string> {
  await expect(await call(reg, repo, 'PUT', `/v2/${repo}/manifests/${reference}`, manifest, { 'Content-Type': type }), [201], `manifest ${repo}:${reference}`);
  return sha256(manifest);
}

type Layer = { gz: Buffer; diffId: string };
type Variant = { label: string; architecture?: string };

async function readLayer(imageTar: string): Promise<Layer> {
  const tar = await fsp.readFile(imageTar);
  return { gz: gzipSync(tar, { level: 6 }), diffId: sha256(tar) };
}

function configOf(layers: Layer[], v: Variant): Buffer {
  const created = '2026-01-01T00:00:00Z';
  return Buffer.from(
    JSON.stringify({
      architecture: v.architecture ?? 'amd64',
      os: 'linux',
      created,
      config: { Cmd: ['sh'], Env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'], Labels: { 'org.wharf.lab': 'busybox', 'org.wharf.lab.variant': v.label } },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map(() => ({ created, created_by: 'wharf lab registry seed' })),
    }),
  );
}

/** Pushes one image (one config over the layers, the busybox one alone unless told) as repo:reference (by its digest when null); returns its manifest's digest and size. */
async function pushImage(reg: LabRegistry, repo: string, reference: string | null, layer: Layer | Layer[], v: Variant): Promise<{ digest: string; size: number }> {
  const layers = Array.isArray(layer) ? layer : [layer];
  const config = configOf(layers, v);
  const described = [];
  for (const l of layers) described.push({ mediaType: LAYER, size: l.gz.length, digest: await pushBlob(reg, repo, l.gz) });
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST,
      config: { mediaType: CONFIG, size: config.length, digest: await pushBlob(reg, repo, config) },
      layers: described,
    }),
  );
  return { digest: await putManifest(reg, repo, reference ?? sha256(manifest), manifest, MANIFEST), size: manifest.length };
}

/** Pushes the lab image to `repo:tag` with a config labelled `variant` (another variant gives another digest). Returns the digest. */
export async function pushLabImage(state: LabState, reg: LabRegistry, repo: string, tag: string, variant = 'default'): Promise<string> {
  return (await pushImage(reg, repo, tag, await readLayer(state.imageTar), { label: variant })).digest;
}

async function pushIndex(reg: LabRegistry, repo: string, tag: string, layer: Layer): Promise<void> {
  const manifests = [];
  for (const architecture of ['amd64', 'arm64']) {
    const pushed = await pushImage(reg, repo, null, layer, { label: `multi-${architecture}`, architecture });
    manifests.push({ mediaType: MANIFEST, size: pushed.size, digest: pushed.digest, platform: { architecture, os: 'linux' } });
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST_LIST, manifests }));
  await putManifest(reg, repo, tag, index, MANIFEST_LIST);
}

/** The bigger image's repository and tag (in the htpasswd registry, which the engines can pull from). */
export const LAB_BIG_IMAGE = { repository: 'lab/big', tag: '1.0' } as const;
/** One layer each, found on the lab's PATH: the programs of the packages the lab installs anyway. */
const BIG_LAYER_PROGRAMS = ['docker', 'containerd', 'runc'];

type KeptLayer = { program: string; file: string; diffId: string; blob: string };

/** The bigger image's own layers: made once into `<labDir>/image/big/` (gzip of ~100 MB takes seconds), read from there after. */
async function bigLayers(state: LabState): Promise<Layer[]> {
  const dir = path.join(path.dirname(state.imageTar), 'big');
  const index = path.join(dir, 'layers.json');
  const kept = existsSync(index) ? (JSON.parse(await fsp.readFile(index, 'utf8')) as KeptLayer[]) : [];
  if (kept.length === BIG_LAYER_PROGRAMS.length && kept.every((k) => existsSync(path.join(dir, k.blob)))) {
    return Promise.all(kept.map(async (k) => ({ gz: await fsp.readFile(path.join(dir, k.blob)), diffId: k.diffId })));
  }
  await fsp.mkdir(dir, { recursive: true });
  const made: KeptLayer[] = [];
  const layers: Layer[] = [];
  for (const program of BIG_LAYER_PROGRAMS) {
    const found = SYSTEM_PATH.split(':').map((d) => path.join(d, program)).find((f) => existsSync(f));
    if (!found) throw new LabError('registry seed', `${program} is not on ${SYSTEM_PATH}: the lab's packages are not installed`);
    const file = realpathSync(found);
    const tarFile = path.join(dir, `${program}.tar`);
    // Reproducible: the same file gives the same tar (so the same digests) at every make.
    await run('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-C', '/', '-cf', tarFile, file.slice(1)], { timeoutMs: 60_000 });
    const tar = await fsp.readFile(tarFile);
    await fsp.rm(tarFile);
    const layer = { gz: await gzip(tar, { level: 6 }), diffId: sha256(tar) };
    const blob = `${program}.tar.gz`;
    await fsp.writeFile(path.join(dir, blob), layer.gz);
    made.push({ program, file, diffId: layer.diffId, blob });
    layers.push(layer);
  }
  await fsp.writeFile(index, JSON.stringify(made, null, 2));
  return layers;
}

/** The images every lab registry holds (see the top of this file); `bigImage` only where engines pull from. */
export async function seedRegistry(state: LabState, reg: LabRegistry, opts: { emptyRepository: boolean; bigImage?: boolean }): Promise<void> {
  const layer = await readLayer(state.imageTar);
  await pushImage(reg, 'lab/busybox', '1.0', layer, { label: '1.0' });
  await pushImage(reg, 'lab/busybox', '1.1', layer, { label: '1.1' });
  await pushImage(reg, 'lab/busybox', 'latest', layer, { label: '1.1' });
  await pushIndex(reg, 'lab/multi', '1.0', layer);
  if (opts.emptyRepository) {
    const { digest } = await pushImage(reg, 'lab/empty', 'gone', layer, { label: 'empty' });
    await expect(await call(reg, 'lab/empty', 'DELETE', `/v2/lab/empty/manifests/${digest}`), [202, 404], 'delete of lab/empty:gone');
  }
  if (opts.bigImage) await pushImage(reg, LAB_BIG_IMAGE.repository, LAB_BIG_IMAGE.tag, [layer, ...(await bigLayers(state))], { label: 'big' });
}
