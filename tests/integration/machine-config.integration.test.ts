// Provisioning over SSH against the lab's bare machine lab-m1 (sshd only, no engine, no systemd):
// log in, check root, detect the OS, find Docker installed, check port 2376, configure a TLS engine
// under Wharf's supervisor, reach it with a client certificate from the test's CA; stop, start,
// restart, re-run, unconfigure; and the failures a user meets, each with its clear error.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import tls from 'node:tls';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lineText } from '@/lib/services/hosts/provision/step-log.ts';
import { AppError } from '@/lib/errors.ts';
import type { EngineTlsFiles, SshLogin, StepIo } from '@/lib/services/hosts/drivers/step-io.ts';
import { createCertificateAuthority, issueClientCertificate, issueServerCertificate, type CaMaterial } from '@/lib/services/hosts/pki/certificates.ts';
import { checkEnginePort } from '@/lib/services/hosts/remote/check-engine-port.ts';
import { checkPrivileges } from '@/lib/services/hosts/remote/check-privileges.ts';
import { configureEngine, replaceEngineCertificates } from '@/lib/services/hosts/remote/configure-engine.ts';
import { controlEngine, unconfigureEngine } from '@/lib/services/hosts/remote/control-engine.ts';
import { detectOs, type MachineOs } from '@/lib/services/hosts/remote/detect-os.ts';
import { engineStatus } from '@/lib/services/hosts/remote/engine-service.ts';
import { installDocker } from '@/lib/services/hosts/remote/install-docker.ts';
import { connectMachine, type MachineShell } from '@/lib/services/hosts/remote/machine-shell.ts';
import { lockLabMachine, occupyLabMachinePort, resetLabMachine, setLabMachineOsRelease, type MachineState } from '@/scripts/lab/index.ts';
import { labState } from '../support/integration.ts';
import { WHARF_DAEMON_KEYS } from '../support/wharf-daemon-keys.ts';

const lab = labState();
const machine: MachineState = lab.machines.find((m) => m.name === 'lab-m1')!;
const privateKey = readFileSync(machine.privateKey, 'utf8');

let release: (() => Promise<void>) | null = null;
let ca: CaMaterial;
let client: { certPem: string; keyPem: string };
const shells: MachineShell[] = [];

function testIo(signal = new AbortController().signal): StepIo & { lines: string[] } {
  const lines: string[] = [];
  return { signal, log: (line) => lines.push(lineText(line)), lines };
}

function login(over: Partial<SshLogin> = {}): SshLogin {
  return { host: machine.host, port: machine.port, username: machine.user, privateKey, hostKey: machine.hostKeyFingerprint, ...over };
}

async function connect(over: Partial<SshLogin> = {}, io = testIo()): Promise<MachineShell> {
  const shell = await connectMachine(login(over), io, { timeoutMs: 15_000 });
  shells.push(shell);
  return shell;
}

async function serverFiles(): Promise<EngineTlsFiles> {
  const server = await issueServerCertificate(ca, { hostName: machine.name, addresses: [machine.host] });
  return { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem };
}

/** The provisioning steps in the order the job runs them. */
async function provision(shell: MachineShell, files: EngineTlsFiles, io: StepIo): Promise<MachineOs> {
  await checkPrivileges(shell, io);
  const os = await detectOs(shell, io);
  await installDocker(shell, os, io);
  await checkEnginePort(shell, io);
  await configureEngine(shell, files, io, { systemd: os.systemd });
  return os;
}

function tlsEngine(cert = client): Dockerode {
  // No kept-alive sockets: the engine restarts under the tests' feet. docker-modem takes `agent`; dockerode's types do not list it.
  return new Dockerode({ host: machine.host, port: 2376, protocol: 'https', ca: ca.certPem, cert: cert.certPem, key: cert.keyPem, timeout: 10_000, agent: new https.Agent({ keepAlive: false }) } as Dockerode.DockerOptions);
}

/** The serial number of the server certificate the engine presents on 2376. */
function presentedSerial(): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: machine.host, port: 2376, ca: ca.certPem, cert: client.certPem, key: client.keyPem, servername: undefined }, () => {
      const serial = socket.getPeerCertificate().serialNumber;
      socket.end();
      resolve(serial.toLowerCase());
    });
    socket.once('error', reject);
  });
}

const dockerdPid = () => Number(readFileSync(join(machine.rootDir, 'run', 'docker.pid'), 'utf8').trim());

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

beforeAll(async () => {
  release = await lockLabMachine(lab, machine.name);
  ca = await createCertificateAuthority('Wharf machine-config test CA');
  client = await issueClientCertificate(ca, { kind: 'console' });
});

beforeEach(async () => {
  while (shells.length) shells.pop()!.close();
  await resetLabMachine(lab, machine.name);
});

afterAll(async () => {
  while (shells.length) shells.pop()!.close();
  await resetLabMachine(lab, machine.name);
  await release?.();
});

describe('configuring a bare machine over SSH', () => {
  it('leaves a TLS engine on 2376 that takes only certificates from its CA, keeps the local socket and the owner’s daemon.json keys', async () => {
    expect(existsSync(machine.engineSocket)).toBe(false);
    const io = testIo();
    const shell = await connect({}, io);
    expect(shell.hostKey).toBe(machine.hostKeyFingerprint);
    const os = await provision(shell, await serverFiles(), io);
    expect(os.id).toBe('debian');
    expect(os.systemd).toBe(false);
    expect(io.lines.some((l) => /Docker is already installed/.test(l))).toBe(true);

    const engine = tlsEngine();
    expect((await engine.ping()).toString()).toBe('OK');
    const info = await engine.info();
    expect(info.Name).toBe('lab-m1');
    // The machine's own socket still answers (seen here through the machine's private /run).
    expect((await new Dockerode({ socketPath: machine.engineSocket }).ping()).toString()).toBe('OK');

    // A certificate from another CA, or none, is refused.
    const stranger = await issueClientCertificate(await createCertificateAuthority('Someone else'), { kind: 'console' });
    await expect(tlsEngine(stranger).ping()).rejects.toThrow();
    await expect(new Dockerode({ host: machine.host, port: 2376, protocol: 'https', ca: ca.certPem, timeout: 5_000 }).ping()).rejects.toThrow();

    const daemon = JSON.parse(readFileSync(machine.daemonJsonPath, 'utf8'));
    expect(daemon).toMatchObject({
      iptables: false,
      'cgroup-parent': machine.cgroupParent,
      'insecure-registries': ['10.99.0.1:5005'],
      'shutdown-timeout': 3,
      ...WHARF_DAEMON_KEYS,
    });
    expect(statSync(join(machine.rootDir, 'etc-docker', 'wharf', 'server-key.pem')).mode & 0o777).toBe(0o600);
    const status = await engineStatus(shell, io);
    expect(status).toMatchObject({ socket: true, port: true, dockerd: true, supervisor: true, exits: 0 });
  });

  it('is safe to run again: the port check passes on its own engine, certificates are replaced and dockerd restarted', async () => {
    const shell = await connect();
    const first = await serverFiles();
    await provision(shell, first, testIo());
    const firstSerial = await presentedSerial();
    const firstPid = dockerdPid();

    const io = testIo();
    const second = await serverFiles();
    await provision(shell, second, io);
    expect(io.lines.some((l) => /Port 2376 is held by dockerd/.test(l))).toBe(true);
    expect(io.lines.some((l) => /Wharf's settings already there/.test(l))).toBe(true);
    const secondSerial = await presentedSerial();
    expect(secondSerial).not.toBe(firstSerial);
    expect(secondSerial).toBe(new (await import('@peculiar/x509')).X509Certificate(second.certPem).serialNumber.toLowerCase());
    expect(dockerdPid()).not.toBe(firstPid);
    expect((await tlsEngine().ping()).toString()).toBe('OK');

    // The lifecycle action "new certificates" does the same without the rest.
    const third = await serverFiles();
    await replaceEngineCertificates(shell, third, testIo(), { systemd: false });
    expect(await presentedSerial()).toBe(new (await import('@peculiar/x509')).X509Certificate(third.certPem).serialNumber.toLowerCase());
  });

  it('replacing the CA too (a host\'s CA rotated) leaves an engine that refuses the old CA\'s clients and takes the new one\'s', async () => {
    const shell = await connect();
    await provision(shell, await serverFiles(), testIo());
    expect((await tlsEngine().ping()).toString()).toBe('OK');

    const rotated = await createCertificateAuthority('Wharf machine-config test CA, rotated');
    const server = await issueServerCertificate(rotated, { hostName: machine.name, addresses: [machine.host] });
    const newClient = await issueClientCertificate(rotated, { kind: 'console' });
    await replaceEngineCertificates(shell, { caPem: rotated.certPem, certPem: server.certPem, keyPem: server.keyPem }, testIo(), { systemd: false });
    const engine = (cert: { certPem: string; keyPem: string }) =>
      new Dockerode({ host: machine.host, port: 2376, protocol: 'https', ca: rotated.certPem, cert: cert.certPem, key: cert.keyPem, timeout: 10_000, agent: new https.Agent({ keepAlive: false }) } as Dockerode.DockerOptions);
    expect((await engine(newClient).info()).Name).toBe('lab-m1');
    // The old CA's client certificate is refused by the engine itself (the client trusts the new server certificate).
    await expect(engine(client).ping()).rejects.toThrow();
  });

  it('stops (supervisor too: dockerd stays down), starts and restarts the engine', async () => {
    const shell = await connect();
    await provision(shell, await serverFiles(), testIo());
    const io = testIo();

    await controlEngine(shell, 'stop', io);
    await expect(tlsEngine().ping()).rejects.toThrow();
    // Longer than the supervisor's restart delay: nothing brought dockerd back.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await engineStatus(shell, io)).toMatchObject({ socket: false, port: false, dockerd: false, supervisor: false });

    await controlEngine(shell, 'start', io);
    expect((await tlsEngine().ping()).toString()).toBe('OK');
    const before = dockerdPid();

    await controlEngine(shell, 'restart', io);
    expect((await tlsEngine().ping()).toString()).toBe('OK');
    expect(dockerdPid()).not.toBe(before);

    // Starting a running engine changes nothing.
    const running = dockerdPid();
    await controlEngine(shell, 'start', io);
    expect(dockerdPid()).toBe(running);
    expect(io.lines.some((l) => /already running dockerd/.test(l))).toBe(true);
  });

  it('keeps a supervised dockerd running when the SSH session that started it ends, and restarts it if it dies', async () => {
    const shell = await connect();
    await provision(shell, await serverFiles(), testIo());
    shell.close();
    const pid = dockerdPid();
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    let back = false;
    while (!back && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      back = await tlsEngine()
        .ping()
        .then(() => true)
        .catch(() => false);
    }
    expect(back).toBe(true);
    expect(dockerdPid()).not.toBe(pid);
  });

  it('takes its configuration off again: the owner’s daemon.json keys stay, port 2376 closes, certificates are gone', async () => {
    const shell = await connect();
    await provision(shell, await serverFiles(), testIo());
    await unconfigureEngine(shell, testIo());
    expect(JSON.parse(readFileSync(machine.daemonJsonPath, 'utf8'))).toEqual({
      iptables: false,
      'cgroup-parent': machine.cgroupParent,
      'insecure-registries': ['10.99.0.1:5005'],
      'shutdown-timeout': 3,
    });
    expect(existsSync(join(machine.rootDir, 'etc-docker', 'wharf'))).toBe(false);
    expect(existsSync(join(machine.rootDir, 'usr-local', 'lib', 'wharf', 'dockerd-supervisor.sh'))).toBe(false);
    await expect(tlsEngine().ping()).rejects.toThrow();
  });

  it('passes values to the machine as data: quotes, $(…), backquotes and newlines reach it unchanged and run nothing', async () => {
    const shell = await connect();
    await checkPrivileges(shell, testIo());
    const nasty = `a'b "c" $(touch /root/pwned) \`touch /root/pwned2\` ; | & * \\ \n line2 $HOME`;
    const echoed = await shell.run(['printf', '%s', nasty], testIo());
    expect(echoed.stdout).toBe(nasty);
    await shell.writeFile('/etc/docker/wharf-test.txt', nasty, 0o640, testIo());
    expect(readFileSync(join(machine.rootDir, 'etc-docker', 'wharf-test.txt'), 'utf8')).toBe(nasty);
    expect(statSync(join(machine.rootDir, 'etc-docker', 'wharf-test.txt')).mode & 0o777).toBe(0o640);
    expect(await shell.readFile('/etc/docker/wharf-test.txt', testIo())).toBe(nasty);
    expect(await shell.readFile('/etc/docker/missing.json', testIo())).toBeNull();
    expect(existsSync(join(machine.rootDir, 'root', 'pwned'))).toBe(false);
    expect(existsSync(join(machine.rootDir, 'root', 'pwned2'))).toBe(false);
    await expectAppError(shell.writeFile('/etc/docker/x; touch /root/pwned', 'x', 0o644, testIo()), 'INVALID_INPUT', /only plain absolute paths/);
  });
});

describe('what stops provisioning, with a message that says what to do', () => {
  it('an address where nothing answers: gives up within the timeout with ENGINE_UNREACHABLE', async () => {
    const io = testIo();
    await expectAppError(connectMachine(login({ host: '10.99.0.99', hostKey: null }), io, { timeoutMs: 4_000 }), 'ENGINE_UNREACHABLE', /Could not reach SSH at 10\.99\.0\.99:22 within 4 s/);
  });

  it('a closed port: retries connection refused (each attempt logged) until the timeout', async () => {
    const io = testIo();
    await expectAppError(connectMachine(login({ port: 2222 }), io, { timeoutMs: 3_000 }), 'ENGINE_UNREACHABLE', /10\.99\.0\.51:2222 .*connection refused/);
    expect(io.lines.filter((l) => /connection refused; trying again/.test(l)).length).toBeGreaterThanOrEqual(2);
  });

  it('a cancelled job stops waiting for SSH at once', async () => {
    const controller = new AbortController();
    const io = testIo(controller.signal);
    let retriesAtCancel = -1;
    const retries = () => io.lines.filter((l) => /trying again/.test(l)).length;
    setTimeout(() => {
      retriesAtCancel = retries();
      controller.abort(new AppError('CONFLICT', 'The job was cancelled.'));
    }, 500);
    await expectAppError(connectMachine(login({ port: 2222 }), io, { timeoutMs: 60_000 }), 'CONFLICT', /cancelled/);
    // Cancelled while retrying: at most the attempt under way finishes, no new one starts.
    expect(retriesAtCancel).toBeGreaterThanOrEqual(0);
    expect(retries()).toBeLessThanOrEqual(retriesAtCancel + 1);
  });

  it('a key the machine does not accept: fails at once with INVALID_INPUT, no retries', async () => {
    const io = testIo();
    await expectAppError(
      connectMachine(login({ privateKey: readFileSync(machine.wrongPrivateKey, 'utf8') }), io, { timeoutMs: 30_000 }),
      'INVALID_INPUT',
      /The machine refused the SSH key for user root/,
    );
    expect(io.lines.filter((l) => /trying again/.test(l))).toEqual([]);
  });

  it('a private key that is not a key: INVALID_INPUT before connecting', async () => {
    await expectAppError(connectMachine(login({ privateKey: 'not a key' }), testIo(), { timeoutMs: 5_000 }), 'INVALID_INPUT', /private key cannot be read/);
  });

  it('a host key other than the pinned one: PRECONDITION, naming both', async () => {
    await expectAppError(
      connectMachine(login({ hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), testIo(), { timeoutMs: 30_000 }),
      'PRECONDITION',
      new RegExp(`host key of 10\\.99\\.0\\.51:22 is ${machine.hostKeyFingerprint.replace(/[+/]/g, '\\$&')}, not the pinned SHA256:AAAA`),
    );
  });

  it('a user without root or sudo: PRECONDITION, and nothing is changed', async () => {
    const shell = await connect({ username: machine.nonRootUser });
    await expectAppError(checkPrivileges(shell, testIo()), 'PRECONDITION', /User wharf-lab-user on 10\.99\.0\.51 has neither root nor passwordless sudo \(sudo is not installed\)/);
    expect(shell.root).toBe(false);
    expect(shell.sudo).toBe(false);
    // Commands that need root are refused by the shell itself.
    await expect(shell.writeFile('/etc/docker/x', 'x', 0o644, testIo())).rejects.toThrow(/needs root/);
  });

  it('an unsupported operating system: PRECONDITION naming it and the supported ones', async () => {
    await setLabMachineOsRelease(lab, machine.name, 'NAME="Plan 9"\nPRETTY_NAME="Plan 9 from Bell Labs"\nID=plan9\n');
    const shell = await connect();
    await checkPrivileges(shell, testIo());
    await expectAppError(detectOs(shell, testIo()), 'PRECONDITION', /cannot provision this machine's operating system: Plan 9 from Bell Labs \(ID=plan9\)\. Supported: Debian, Ubuntu/);
  });

  it('port 2376 held by another program: PRECONDITION naming it', async () => {
    const free = await occupyLabMachinePort(lab, machine.name, 2376);
    try {
      const shell = await connect();
      await checkPrivileges(shell, testIo());
      await expectAppError(checkEnginePort(shell, testIo()), 'PRECONDITION', /Port 2376 on 10\.99\.0\.51 is already in use by node \(pid \d+\), not by Docker/);
    } finally {
      await free();
    }
  });

  it('a daemon.json that is not JSON: PRECONDITION before anything is written', async () => {
    writeFileSync(machine.daemonJsonPath, '{ "iptables": false, ');
    const shell = await connect();
    await checkPrivileges(shell, testIo());
    await expectAppError(configureEngine(shell, await serverFiles(), testIo(), { systemd: false }), 'PRECONDITION', /\/etc\/docker\/daemon\.json on the machine is not valid JSON/);
    expect(existsSync(join(machine.rootDir, 'etc-docker', 'wharf'))).toBe(false);
    expect(readFileSync(machine.daemonJsonPath, 'utf8')).toBe('{ "iptables": false, ');
  });
});
