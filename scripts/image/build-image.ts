// Builds Wharf's container image (the Dockerfile) from the files git tracks in this checkout
// (committed or not, never what .gitignore leaves out), piped to `docker build` as a tar. With
// node_modules, this checkout's are put into the context, for builders without a network (the
// lab's engines): the Dockerfile then uses them instead of running npm ci.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

const root = path.resolve(import.meta.dirname, '../..');

export type ImageBuildOptions = {
  tag: string;
  baseImage?: string;
  withNodeModules: boolean;
  /** DOCKER_HOST for the CLI (unix:///…); the CLI's own default when absent. */
  dockerHost?: string;
  /** Show the build's progress (default), or keep it quiet and quote its last lines only on failure. */
  quiet?: boolean;
};

/** Whether .dockerignore's patterns (a pattern also covers what is below it) leave a path out. */
export function ignoredBy(dockerignore: string): (file: string) => boolean {
  const patterns = dockerignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const match = picomatch(patterns.flatMap((pattern) => [pattern, `${pattern}/**`]), { dot: true });
  return (file) => match(file);
}

/** The files of the build context: what git tracks or would track, that exist and .dockerignore keeps, plus node_modules when asked. */
export function contextFiles(withNodeModules: boolean): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr.trim()}`);
  const ignored = ignoredBy(readFileSync(path.join(root, '.dockerignore'), 'utf8'));
  const files = [...new Set(listed.stdout.split('\0').filter(Boolean))].filter((file) => !ignored(file) && existsSync(path.join(root, file)));
  return withNodeModules ? [...files, 'node_modules'] : files;
}

/** Builds the image; resolves when `docker build` succeeded, rejects with a sentence otherwise. */
export async function buildImage(options: ImageBuildOptions): Promise<void> {
  if (options.withNodeModules && !existsSync(path.join(root, 'node_modules'))) throw new Error('--with-node-modules needs node_modules in this checkout: run npm ci first.');
  const files = contextFiles(options.withNodeModules);
  const env = { ...process.env, ...(options.dockerHost ? { DOCKER_HOST: options.dockerHost } : {}) };
  const args = ['build', '--tag', options.tag, '--file', 'Dockerfile', ...(options.baseImage ? ['--build-arg', `BASE_IMAGE=${options.baseImage}`] : []), '-'];
  const tar = spawn('tar', ['--create', '--null', '--files-from=-', '--numeric-owner'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const docker = spawn('docker', args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [docker.stdout, docker.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      if (!options.quiet) process.stdout.write(chunk);
      output = (output + chunk.toString()).slice(-8000);
    });
  }
  tar.stdin.end(files.join('\0') + '\0');
  tar.stdout.pipe(docker.stdin);
  const exit = (child: ReturnType<typeof spawn>, what: string) =>
    new Promise<void>((resolve, reject) => {
      child.on('error', (error) => reject(new Error(`${what} could not run: ${error.message}`)));
      child.on('close', (code) => {
        const tail = output.trim().split('\n').slice(-30).join('\n');
        if (code === 0) resolve();
        else reject(new Error(options.quiet ? `${what} failed (exit ${code}); its last lines:\n${tail}` : `${what} failed (exit ${code}); its output is above.`));
      });
    });
  await Promise.all([exit(tar, 'tar of the build context'), exit(docker, `docker build of ${options.tag}`)]);
}

/** The lab's way: lab-N's engine, its Debian base image (imported when missing), node_modules shipped. */
export async function labImageOptions(hostName: string, tag: string): Promise<ImageBuildOptions> {
  const { LAB_NODE_IMAGE, ensureLabBaseImages, readLabState } = await import('../lab/index.ts');
  const state = await readLabState();
  const host = state?.hosts.find((h) => h.name === hostName);
  if (!host) throw new Error(`There is no lab host ${hostName}: run \`npm run lab -- up\` first.`);
  await ensureLabBaseImages([host.socket]);
  return { tag, baseImage: LAB_NODE_IMAGE, withNodeModules: true, dockerHost: `unix://${host.socket}` };
}
