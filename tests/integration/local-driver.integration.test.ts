// The local driver on this machine, for real: network namespaces, the wharf-br0 bridge and dockerd
// processes, reached over TLS from the console's own namespace. Everything made here is removed in
// afterAll, also when a test fails; the lab's namespaces (wlab-*) and bridge (wlab0) are left alone.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineText } from '@/lib/services/hosts/provision/step-log.ts';
import { AppError } from '@/lib/errors.ts';
import type { EngineTlsFiles, StepIo } from '@/lib/services/hosts/drivers/step-io.ts';
import { createCertificateAuthority, issueClientCertificate, issueServerCertificate, type CaMaterial } from '@/lib/services/hosts/pki/certificates.ts';
import { localDriverProblems } from '@/lib/services/hosts/drivers/local/check-local-support.ts';
import { createLocalMachine } from '@/lib/services/hosts/drivers/local/create-local-machine.ts';
import { LOCAL_BRIDGE, localEnginePaths, localMachineLayout, localNameFor, stableMac, type LocalMachine } from '@/lib/services/hosts/drivers/local/local-layout.ts';
import { removeLocalMachine } from '@/lib/services/hosts/drivers/local/remove-local-machine.ts';
import { restartLocalEngine } from '@/lib/services/hosts/drivers/local/restart-local-engine.ts';
import { startLocalEngine } from '@/lib/services/hosts/drivers/local/start-local-engine.ts';
import { leftoverProcesses, localEnginePids, localEngineRunning, stopLocalEngine } from '@/lib/services/hosts/drivers/local/stop-local-engine.ts';
import { labState } from '../support/integration.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Node's entry hooks (TypeScript, server-only) for the scripts these tests run in a child process. */
const registerHooks = path.join(repoRoot, 'scripts/node/register.mjs');
const suffix = Math.random().toString(36).slice(2, 8);
const idA = `ldt-${suffix}-a`;
const idB = `ldt-${suffix}-b`;
const idX = `ldt-${suffix}-x`;
const idC = `ldt-${suffix}-c`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'wharf-ldt-'));
const timings: Record<string, number> = {};

function testIo(): StepIo & { lines: string[] } {
  const lines: string[] = [];
  return { signal: new AbortController().signal, lines, log: (line) => lines.push(lineText(line)) };
}

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings[what] = Math.round(performance.now() - started);
  }
}

let ca: CaMaterial;
let client: { certPem: string; keyPem: string };
const clientDir = path.join(dataDir, 'client');

async function serverTls(m: LocalMachine): Promise<EngineTlsFiles> {
  const server = await issueServerCertificate(ca, { hostName: m.hostname, addresses: [m.address] });
  return { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem };
}

/** A client over TLS from the console's namespace; no kept-alive sockets (engines restart under the tests' feet). */
function tlsClient(m: LocalMachine): Dockerode {
  const agent = new https.Agent({ keepAlive: false });
  // docker-modem takes `agent`; dockerode's types do not list it.
  return new Dockerode({ host: m.address, port: 2376, protocol: 'https', ca: ca.certPem, cert: client.certPem, key: client.keyPem, timeout: 10_000, agent } as Dockerode.DockerOptions);
}

async function docker(socket: string, args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { timeout: 60_000, env: { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CLI_HINTS: 'false' } });
  return stdout.trim();
}

/** `docker save` from a lab engine piped into `docker load` on the machine. */
function copyImage(fromSocket: string, toSocket: string, image: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn('docker', ['save', image], { env: { ...process.env, DOCKER_HOST: `unix://${fromSocket}` }, stdio: ['ignore', 'pipe', 'inherit'] });
    const load = spawn('docker', ['load', '-q'], { env: { ...process.env, DOCKER_HOST: `unix://${toSocket}` }, stdio: ['pipe', 'ignore', 'inherit'] });
    save.stdout.pipe(load.stdin);
    save.on('error', reject);
    load.on('error', reject);
    load.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker load exited with ${code}`))));
  });
}

async function waitUntil(probe: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function netnsNames(): Promise<string[]> {
  return existsSync('/var/run/netns') ? readdirSync('/var/run/netns').sort() : [];
}

async function linkExists(name: string): Promise<boolean> {
  return run('ip', ['link', 'show', 'dev', name]).then(
    () => true,
    () => false,
  );
}

/** Runs `args` inside machine `m`'s network namespace. */
function inNamespace(m: LocalMachine, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('nsenter', [`--net=/var/run/netns/${m.netns}`, '--', ...args], { timeout: 30_000 });
}

/** `docker info` over TLS from inside `from`'s namespace to `to`'s engine. */
async function tlsInfoFrom(from: LocalMachine, to: LocalMachine): Promise<string> {
  const out = await inNamespace(from, [
    'docker', '--tlsverify', `--tlscacert=${clientDir}/ca.pem`, `--tlscert=${clientDir}/cert.pem`, `--tlskey=${clientDir}/key.pem`,
    '-H', `tcp://${to.address}:2376`, 'info', '--format', '{{.Name}}',
  ]);
  return out.stdout.trim();
}

let labBefore: { netns: string[]; bridge: boolean };
let a: LocalMachine;
let b: LocalMachine;
let x: LocalMachine;
let tlsA: EngineTlsFiles;

beforeAll(async () => {
  ca = await createCertificateAuthority('Wharf local driver test CA');
  client = await issueClientCertificate(ca, { kind: 'console' });
  await fsp.mkdir(clientDir, { recursive: true });
  await fsp.writeFile(path.join(clientDir, 'ca.pem'), ca.certPem);
  await fsp.writeFile(path.join(clientDir, 'cert.pem'), client.certPem);
  await fsp.writeFile(path.join(clientDir, 'key.pem'), client.keyPem, { mode: 0o600 });
  labBefore = { netns: (await netnsNames()).filter((n) => n.startsWith('wlab-')), bridge: await linkExists('wlab0') };
});

afterAll(async () => {
  // Remove whatever was made, from the ids alone (a create may have failed half-way).
  const failures: string[] = [];
  for (const machineId of [idA, idB, idX, idC]) {
    const m = localMachineLayout({ machineId, hostname: 'cleanup', dataDir, address: '10.213.0.2' });
    await removeLocalMachine(m, testIo()).catch((e) => failures.push(`${machineId}: ${(e as Error).message}`));
  }
  await fsp.rm(dataDir, { recursive: true, force: true });
  console.log(`local driver timings (ms): ${JSON.stringify(timings)}`);
  expect(failures).toEqual([]);
}, 120_000);

describe('the local driver', () => {
  it('has nothing to complain about as root with docker.io installed', async () => {
    expect(await localDriverProblems()).toEqual([]);
  });

  it('says it needs root when the console runs as another user', async () => {
    // The check runs in a real process as `nobody`. That user may not be able to read the checkout
    // (a clone in /root or a 0700 folder), so the module is bundled into a folder it can read.
    const scriptDir = mkdtempSync(path.join(tmpdir(), 'wharf-ldt-nonroot-'));
    try {
      await fsp.chmod(scriptDir, 0o755);
      const script = path.join(scriptDir, 'problems.mjs');
      await build({
        stdin: {
          contents: `import { localDriverProblems } from '@/lib/services/hosts/drivers/local/check-local-support.ts';\nimport { renderMessage } from '@/lib/i18n/render-message.ts';\nconsole.log(JSON.stringify((await localDriverProblems()).map((problem) => renderMessage(problem, 'en'))));\n`,
          resolveDir: repoRoot,
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        conditions: ['react-server'],
        tsconfig: path.join(repoRoot, 'tsconfig.json'),
        outfile: script,
        logLevel: 'silent',
      });
      await fsp.chmod(script, 0o644);
      const { stdout } = await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, script], {
        cwd: scriptDir,
        timeout: 30_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scriptDir } as Record<string, string> as NodeJS.ProcessEnv,
      });
      const problems = JSON.parse(stdout.trim().split('\n').at(-1)!) as string[];
      expect(problems).toEqual(['The local driver needs root: run the console as root, or use the generic driver over SSH.']);
    } finally {
      await fsp.rm(scriptDir, { recursive: true, force: true });
    }
  });

  it('creates a machine and starts its engine, reachable over TLS with its own hostname and data root', async () => {
    const io = testIo();
    a = await timed('create A', () => createLocalMachine({ machineId: idA, hostname: 'machine-a', dataDir, usedAddresses: [] }, io));
    expect(a).toMatchObject({ netns: localNameFor(idA), veth: localNameFor(idA), bridge: LOCAL_BRIDGE, hostname: 'machine-a', dir: path.join(dataDir, 'machines', idA) });
    expect(a.address).toMatch(/^10\.213\.0\.\d+$/);
    expect(a.execRoot).toBe(`/tmp/${a.netns}`);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);

    tlsA = await serverTls(a);
    await timed('start A', () => startLocalEngine(a, tlsA, io));
    timings['create+start A'] = timings['create A']! + timings['start A']!;
    expect(io.lines.join('\n')).toMatch(/The engine answers/);
    expect(await localEngineRunning(a)).toBe(true);

    const info = await tlsClient(a).info();
    expect(info.Name).toBe('machine-a');
    expect(info.DockerRootDir).toBe(path.join(a.dir, 'data'));
    // Its own identity, not the one of /etc/docker/key.json that other engines on this machine would share.
    expect(existsSync(path.join(a.dir, 'key.json'))).toBe(true);
    expect(statSync(path.join(a.dir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(a.dir).mode & 0o777).toBe(0o700);
    expect(statSync(a.execRoot).mode & 0o777).toBe(0o700);
  });

  it('refuses clients without a certificate from Wharf\'s CA', async () => {
    const other = await createCertificateAuthority('Unrelated CA');
    const stranger = await issueClientCertificate(other, { kind: 'console' });
    const d = new Dockerode({ host: a.address, port: 2376, protocol: 'https', ca: ca.certPem, cert: stranger.certPem, key: stranger.keyPem, timeout: 5_000 });
    await expect(d.ping()).rejects.toThrow();
  });

  it('is a sandbox: no default route, no forwarding, nothing beyond its range', async () => {
    const routes = (await run('ip', ['-n', a.netns, '-4', 'route', 'show'])).stdout;
    expect(routes).not.toMatch(/default/);
    expect(routes).toMatch(/10\.213\.0\.0\/24 dev eth0/);
    expect((await inNamespace(a, ['cat', '/proc/sys/net/ipv4/ip_forward'])).stdout.trim()).toBe('0');
    // The lab's engines are on this machine too, but not on the machine's range: unreachable from inside.
    const lab = labState().hosts[0]!;
    const refused = await inNamespace(a, ['docker', '-H', `tcp://${lab.address}:2376`, 'version']).catch((e: { stderr?: string }) => e);
    expect((refused as { stderr?: string }).stderr).toMatch(/network is unreachable/);
    const { stdout } = await run('ip', ['-j', 'link', 'show', 'dev', a.veth]);
    expect(JSON.parse(stdout)[0].master).toBe(LOCAL_BRIDGE);
  });

  it('runs containers and keeps volumes', async () => {
    const socket = localEnginePaths(a).socket;
    await copyImage(labState().hosts[0]!.socket, socket, 'local/busybox:latest');
    await docker(socket, ['volume', 'create', 'keep']);
    await docker(socket, ['run', '--rm', '-v', 'keep:/data', 'local/busybox:latest', 'sh', '-c', 'echo kept > /data/file']);
    await docker(socket, ['run', '-d', '--name', 'web', '--stop-timeout', '1', '-p', '8080:80', 'local/busybox:latest', 'httpd', '-f', '-p', '80']);
    // A published port answers on the machine's address, from the console's namespace.
    let status = 0;
    for (let i = 0; i < 50 && status === 0; i++) {
      status = await fetch(`http://${a.address}:8080/`).then((r) => r.status, () => 0);
      if (!status) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(404); // busybox httpd with nothing to serve
    const containers = await tlsClient(a).listContainers();
    expect(containers.map((c) => c.Names[0])).toEqual(['/web']);
  });

  it('create and start again are idempotent: same address, same dockerd', async () => {
    const pid = (await localEnginePids(a))[0];
    const io = testIo();
    const again = await createLocalMachine({ machineId: idA, hostname: 'machine-a', dataDir, usedAddresses: [a.address] }, io);
    expect(again).toEqual(a);
    await startLocalEngine(again, tlsA, io);
    expect(io.lines.join('\n')).toMatch(/already running/);
    expect(await localEnginePids(a)).toEqual([pid]);
    expect((await tlsClient(a).info()).Name).toBe('machine-a');
  });

  it('stops: the engine no longer answers and nothing is left in its namespace', async () => {
    await timed('stop A', () => stopLocalEngine(a, testIo()));
    expect(await localEngineRunning(a)).toBe(false);
    await expect(tlsClient(a).ping()).rejects.toThrow();
    expect(await localEnginePids(a)).toEqual([]);
    expect(await leftoverProcesses(a)).toEqual([]);
    // Stopping a stopped engine is fine.
    await stopLocalEngine(a, testIo());
  });

  it('starts again with its data: the volume, the image and the container are still there', async () => {
    await timed('start A again', () => startLocalEngine(a, tlsA, testIo()));
    const socket = localEnginePaths(a).socket;
    expect(await docker(socket, ['run', '--rm', '-v', 'keep:/data', 'local/busybox:latest', 'cat', '/data/file'])).toBe('kept');
    const all = await tlsClient(a).listContainers({ all: true });
    expect(all.map((c) => c.Names[0])).toEqual(['/web']);
  });

  it('restarts with new certificates when they change', async () => {
    const io = testIo();
    const pid = (await localEnginePids(a))[0];
    tlsA = await serverTls(a);
    await startLocalEngine(a, tlsA, io);
    expect(io.lines.join('\n')).toMatch(/certificates changed/);
    expect(await localEnginePids(a)).not.toEqual([pid]);
    expect((await tlsClient(a).info()).Name).toBe('machine-a');
    // Also when someone else wrote the new files where the engine reads them before asking for a start.
    const pid2 = (await localEnginePids(a))[0];
    tlsA = await serverTls(a);
    const paths = localEnginePaths(a);
    await fsp.writeFile(paths.certFile, tlsA.certPem);
    await fsp.writeFile(paths.keyPemFile, tlsA.keyPem);
    const io2 = testIo();
    await startLocalEngine(a, tlsA, io2);
    expect(io2.lines.join('\n')).toMatch(/certificates changed/);
    expect(await localEnginePids(a)).not.toEqual([pid2]);
    await restartLocalEngine(a, tlsA, testIo());
    expect((await tlsClient(a).info()).Name).toBe('machine-a');
  });

  it('restarts trusting only a new CA when the CA changes (how a host\'s CA is rotated): the old CA\'s clients are refused', async () => {
    const rotated = await createCertificateAuthority('Wharf local driver test CA, rotated');
    const server = await issueServerCertificate(rotated, { hostName: a.hostname, addresses: [a.address] });
    const newClient = await issueClientCertificate(rotated, { kind: 'console' });
    const pid = (await localEnginePids(a))[0];
    await restartLocalEngine(a, { caPem: rotated.certPem, certPem: server.certPem, keyPem: server.keyPem }, testIo());
    expect(await localEnginePids(a)).not.toEqual([pid]);
    const agent = () => new https.Agent({ keepAlive: false });
    const withNew = new Dockerode({ host: a.address, port: 2376, protocol: 'https', ca: rotated.certPem, cert: newClient.certPem, key: newClient.keyPem, timeout: 10_000, agent: agent() } as Dockerode.DockerOptions);
    expect((await withNew.info()).Name).toBe('machine-a');
    // A certificate of the old CA no longer opens it, even when the client trusts the new server certificate.
    const oldClientNewTrust = new Dockerode({ host: a.address, port: 2376, protocol: 'https', ca: rotated.certPem, cert: client.certPem, key: client.keyPem, timeout: 5_000, agent: agent() } as Dockerode.DockerOptions);
    await expect(oldClientNewTrust.ping()).rejects.toThrow();
    await expect(tlsClient(a).ping()).rejects.toThrow();
    // Back to the test's CA for the tests that follow.
    await restartLocalEngine(a, tlsA, testIo());
    expect((await tlsClient(a).info()).Name).toBe('machine-a');
  });

  it('recovers from a crashed dockerd: what it left behind is ended and the engine starts again', async () => {
    const socket = localEnginePaths(a).socket;
    await docker(socket, ['start', 'web']);
    const [pid] = await localEnginePids(a);
    process.kill(pid!, 'SIGKILL');
    await waitUntil(async () => !(await localEngineRunning(a)) && (await localEnginePids(a)).length === 0);
    expect((await leftoverProcesses(a)).length).toBeGreaterThan(0); // containerd, its shim, httpd, docker-proxy
    const io = testIo();
    await startLocalEngine(a, tlsA, io);
    expect(io.lines.join('\n')).toMatch(/Ending \d+ process\(es\) left/);
    await docker(socket, ['start', 'web']);
    await waitUntil(() => fetch(`http://${a.address}:8080/`).then((r) => r.status === 404, () => false));
  });

  it('gives machines created at the same time different addresses; they reach each other', async () => {
    const io = testIo();
    [b, x] = await timed('create B and X at once', () =>
      Promise.all([
        createLocalMachine({ machineId: idB, hostname: 'machine-b', dataDir, usedAddresses: [a.address] }, io),
        createLocalMachine({ machineId: idX, hostname: 'machine-x', dataDir, usedAddresses: [a.address] }, io),
      ]),
    );
    expect(new Set([a.address, b.address, x.address]).size).toBe(3);
    expect(new Set([a.netns, b.netns, x.netns]).size).toBe(3);
    const tlsB = await serverTls(b);
    await timed('start B', () => startLocalEngine(b, tlsB, io));
    expect((await tlsClient(b).info()).Name).toBe('machine-b');
    expect(await tlsInfoFrom(a, b)).toBe('machine-b');
    expect(await tlsInfoFrom(b, a)).toBe('machine-a');
  });

  it('skips the addresses the database lists, and the ones configured on namespaces it does not list', async () => {
    const listed = ['10.213.0.2', '10.213.0.3', '10.213.0.4', '10.213.0.5', '10.213.0.6'].filter((ip) => ![a.address, b.address, x.address].includes(ip));
    const c = await createLocalMachine({ machineId: idC, hostname: 'machine-c', dataDir, usedAddresses: listed }, testIo());
    expect([...listed, a.address, b.address, x.address]).not.toContain(c.address);
    // Never started: removing it is just as clean.
    await removeLocalMachine(c, testIo());
    expect(await netnsNames()).not.toContain(c.netns);
    expect(existsSync(c.dir)).toBe(false);
  });

  it('keeps the engine running when the console that started it exits', async () => {
    const scriptDir = mkdtempSync(path.join(tmpdir(), 'wharf-ldt-console-'));
    try {
      const input = path.join(scriptDir, 'input.json');
      await fsp.writeFile(input, JSON.stringify({ machine: x, tls: await serverTls(x) }), { mode: 0o600 });
      const script = path.join(scriptDir, 'start.mts');
      const module = path.join(repoRoot, 'lib/services/hosts/drivers/local/start-local-engine.ts');
      const render = path.join(repoRoot, 'lib/i18n/render-message.ts');
      // Step-log lines are messages: the script prints them as an English reader gets them.
      await fsp.writeFile(
        script,
        `import { readFileSync } from 'node:fs';\nimport { startLocalEngine } from ${JSON.stringify(module)};\nimport { renderMessage } from ${JSON.stringify(render)};\n` +
          `const { machine, tls } = JSON.parse(readFileSync(process.argv[2], 'utf8'));\n` +
          `await startLocalEngine(machine, tls, { signal: new AbortController().signal, log: (l) => console.log(typeof l === 'string' ? l : renderMessage(l, 'en')) });\nprocess.exit(0);\n`,
      );
      const { stdout } = await run(process.execPath, ['--import', registerHooks, script, input], { cwd: repoRoot, timeout: 60_000 });
      expect(stdout).toMatch(/The engine answers/);
    } finally {
      await fsp.rm(scriptDir, { recursive: true, force: true });
    }
    expect(await localEngineRunning(x)).toBe(true);
    expect((await tlsClient(x).info()).Name).toBe('machine-x');
  });

  it('makes the network again with the same address when it is gone (as after a reboot)', async () => {
    await timed('stop X', () => stopLocalEngine(x, testIo()));
    await run('ip', ['netns', 'del', x.netns]);
    // The kernel frees the namespace, and with it the veth pair, a moment later.
    await timed('veth X gone', () => waitUntil(async () => !(await linkExists(x.veth)), 60_000));
    const io = testIo();
    const tlsX = await serverTls(x);
    await timed('repair and start X', () => startLocalEngine(x, tlsX, io));
    expect(io.lines.join('\n')).toMatch(/Repairing the network/);
    // The new eth0 has the old one's MAC address, so the console's neighbour entry for it is still right.
    const eth0 = JSON.parse((await run('ip', ['-n', x.netns, '-j', 'link', 'show', 'dev', 'eth0'])).stdout)[0];
    expect(eth0.address).toBe(stableMac(x.netns));
    expect((await timed('info X', () => tlsClient(x).info())).Name).toBe('machine-x');
    await timed('stop X again', () => stopLocalEngine(x, testIo()));
  });

  it('reports a failed start with the end of dockerd.log and leaves nothing running', async () => {
    const good = await serverTls(x);
    const other = await serverTls(x);
    // A key that does not belong to the certificate: dockerd refuses to start.
    const error = await startLocalEngine(x, { ...good, keyPem: other.keyPem }, testIo()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('ENGINE_ERROR');
    expect((error as AppError).message).toMatch(/did not start: dockerd exited while starting/);
    expect((error as AppError).message).toMatch(/dockerd\.log:\n[\s\S]*(private key does not match public key|tls)/i);
    expect(await localEnginePids(x)).toEqual([]);
    expect(await leftoverProcesses(x)).toEqual([]);
  });

  it('honours cancellation', async () => {
    const controller = new AbortController();
    controller.abort(new AppError('CONFLICT', 'Cancelled by the test'));
    await expect(createLocalMachine({ machineId: idB, hostname: 'machine-b', dataDir, usedAddresses: [] }, { signal: controller.signal, log: () => {} })).rejects.toThrow('Cancelled by the test');
    await expect(startLocalEngine(b, await serverTls(b), { signal: controller.signal, log: () => {} })).rejects.toThrow('Cancelled by the test');
    expect(await localEngineRunning(b)).toBe(true);
  });

  it('removes a machine with its processes, mounts, namespace and folders; removing again is fine', async () => {
    const tlsX = await serverTls(x);
    await startLocalEngine(x, tlsX, testIo());
    // A process someone started inside the namespace is ended too.
    const stray = spawn('nsenter', [`--net=/var/run/netns/${a.netns}`, '--', 'sleep', '600'], { detached: true, stdio: 'ignore' });
    stray.unref();
    await waitUntil(async () => (await leftoverProcesses(a)).includes(stray.pid!));
    const before = await fsp.readFile('/proc/self/mountinfo', 'utf8');
    expect(before).toContain(a.dir); // the running container's root filesystem
    await timed('remove A', () => removeLocalMachine(a, testIo()));
    expect(await netnsNames()).not.toContain(a.netns);
    expect(await linkExists(a.veth)).toBe(false);
    expect(existsSync(a.dir)).toBe(false);
    expect(existsSync(a.execRoot)).toBe(false);
    expect(await localEnginePids(a)).toEqual([]);
    expect(await fsp.readFile('/proc/self/mountinfo', 'utf8')).not.toContain(a.dir);
    const { stdout } = await run('ps', ['-eo', 'args']);
    expect(stdout).not.toContain(a.dir);
    expect(stdout).not.toContain(a.execRoot);
    await waitUntil(() => stray.signalCode !== null || stray.exitCode !== null);
    expect(stray.signalCode).toBe('SIGTERM');
    // The other machine is untouched, and so is the bridge it uses (its MAC address too, though a port left).
    expect((await tlsClient(b).info()).Name).toBe('machine-b');
    expect(JSON.parse((await run('ip', ['-j', 'link', 'show', 'dev', LOCAL_BRIDGE])).stdout)[0].address).toBe(stableMac(LOCAL_BRIDGE));
    expect(await tlsInfoFrom(b, x)).toBe('machine-x');
    expect(await linkExists(LOCAL_BRIDGE)).toBe(true);
    await removeLocalMachine(a, testIo());
  });

  it('removes the bridge with the last machine, and never touches the lab', async () => {
    await removeLocalMachine(b, testIo());
    await removeLocalMachine(x, testIo());
    expect((await netnsNames()).filter((n) => [a, b, x].some((m) => m.netns === n))).toEqual([]);
    for (const m of [b, x]) expect(existsSync(m.dir) || existsSync(m.execRoot)).toBe(false);
    // Unless someone else on this machine has local machines right now, the bridge is gone with ours.
    if (!(await netnsNames()).some((n) => /^wharf-[0-9a-f]{8}$/.test(n))) expect(await linkExists(LOCAL_BRIDGE)).toBe(false);
    expect((await netnsNames()).filter((n) => n.startsWith('wlab-'))).toEqual(labBefore.netns);
    expect(await linkExists('wlab0')).toBe(labBefore.bridge);
    const { stdout } = await run('iptables', ['-S', 'FORWARD']);
    if (!(await linkExists(LOCAL_BRIDGE))) expect(stdout).not.toContain('wharf-local-machines');
  });
});
