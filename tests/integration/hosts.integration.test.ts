// Registering, editing and removing hosts against the lab's real engines (unix, TCP+TLS, SSH),
// including every kind of bad input: nothing is saved unless the engine answered.
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, localizeText } from '@/lib/errors.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { listHosts, getHost } from '@/lib/services/hosts/read-hosts.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { removeHost } from '@/lib/services/hosts/remove-host.ts';
import { updateHost } from '@/lib/services/hosts/update-host.ts';
import { specOfHost } from '@/lib/services/hosts/host-connection.ts';
import { createTestDeps, labState, readPem, seedUser, type TestDeps } from '../support/integration.ts';
import type { Actor } from '@/lib/auth/actor.ts';

let deps: TestDeps;
let operator: Actor;
/** Unix sockets are on the console's own machine: only administrators add them (host.local). */
let admin: Actor;
const lab = labState();
const [h1, h2, h3] = lab.hosts;
const tls = { ca: readPem(lab.tls.caCert), cert: readPem(lab.tls.clientCert), key: readPem(lab.tls.clientKey) };
const wrong = { ca: readPem(lab.tls.wrongCaCert), cert: readPem(lab.tls.wrongClientCert), key: readPem(lab.tls.wrongClientKey) };
const sshKey = readPem(lab.ssh.privateKey);

beforeAll(async () => {
  deps = await createTestDeps('hosts');
  operator = (await seedUser(deps.db, 'operator')).actor;
  admin = (await seedUser(deps.db, 'admin')).actor;
});
afterAll(async () => {
  await deps.close();
});

const register = (input: Record<string, unknown>) => registerHost(deps, input.transport === 'unix' ? admin : operator, registerHostSchema.parse(input));

async function failure(input: Record<string, unknown>): Promise<AppError> {
  const before = await deps.db.host.count();
  const error = await register(input).then(() => null, (e: unknown) => e);
  expect(error, 'registering should have failed').toBeInstanceOf(AppError);
  // Bad input leaves nothing behind.
  expect(await deps.db.host.count()).toBe(before);
  return error as AppError;
}

describe('registering hosts', () => {
  it('adds an engine by its unix socket and reads its facts', async () => {
    const { id } = await register({ name: 'lab-unix', transport: 'unix', socketPath: h1.socket });
    const host = await getHost(deps, id);
    expect(host).toMatchObject({ name: 'lab-unix', transport: 'unix', address: h1.socket, status: 'up' });
    expect(host.facts).toMatchObject({ name: h1.name, osType: 'linux', swarm: { state: expect.any(String) } });
    expect(host.facts!.apiVersion).toMatch(/^1\.\d+$/);
    expect(host.facts!.cpus).toBeGreaterThan(0);
    expect(host.facts!.images).toBeGreaterThanOrEqual(1);
    const audit = await deps.db.auditEntry.findFirstOrThrow({ where: { action: 'host.create', targetId: id } });
    expect(audit).toMatchObject({ result: 'succeeded', actorId: admin.id, targetName: 'lab-unix' });
  });

  it('adds an engine over TCP with TLS and keeps the key sealed', async () => {
    const { id } = await register({ name: 'lab-tls', transport: 'tcp', host: h2.tcp.host, port: h2.tcp.port, ...tls });
    const host = await getHost(deps, id);
    expect(host.facts?.name).toBe(h2.name);
    expect(host.connectionInfo).toMatchObject({ transport: 'tcp', certNotAfter: expect.any(String) });
    const row = await deps.db.host.findUniqueOrThrow({ where: { id } });
    expect(row.secretsSealed).toMatch(/^v1\./);
    expect(row.secretsSealed).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(await listHosts(deps, operator))).not.toContain(row.secretsSealed!);
    expect(JSON.stringify(host)).not.toMatch(/PRIVATE KEY|secretsSealed/);
    // The sealed secrets open only for this host's row.
    expect(() => specOfHost(deps.keyring, { ...row, id: 'hsomeotherhostid000000000' })).toThrow(/integrity/);
  });

  it('adds an engine over SSH and pins its host key', async () => {
    const { id } = await register({ name: 'lab-ssh', transport: 'ssh', host: lab.ssh.host, port: lab.ssh.port, username: lab.ssh.user, privateKey: sshKey });
    const host = await getHost(deps, id);
    expect(host.facts?.name).toBe(lab.ssh.name);
    expect(host.sshHostKey).toBe(lab.ssh.hostKeyFingerprint);
    expect(host.connectionInfo).toMatchObject({ transport: 'ssh', keyType: 'ssh-ed25519' });
  });

  it('refuses an engine already registered under another name or transport, naming that host', async () => {
    // lab-unix reaches h1 through its socket; the same daemon over TCP+TLS is the same engine.
    const error = await failure({ name: 'lab-again', transport: 'tcp', host: h1.tcp.host, port: h1.tcp.port, ...tls });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(`This engine is already registered as the host "lab-unix" (over unix, ${h1.socket}). Adding it again would count everything on it twice. To reach it another way, edit "lab-unix" and change its connection.`);
    const refused = await deps.db.auditEntry.findFirstOrThrow({ where: { action: 'host.create', targetName: 'lab-again', result: 'failed' } });
    expect(refused.message).toContain('already registered as the host "lab-unix"');

    // Pointing another host at it is refused the same way; the host keeps its own engine.
    const tlsHost = await deps.db.host.findUniqueOrThrow({ where: { name: 'lab-tls' } });
    const moved = await updateHost(deps, operator, { id: tlsHost.id, name: 'lab-tls', description: '', transport: 'tcp', host: h1.tcp.host, port: h1.tcp.port, ca: '', cert: '', key: '' }).then(() => null, (e: AppError) => e);
    expect(moved?.code).toBe('CONFLICT');
    expect(moved?.message).toContain('already registered as the host "lab-unix"');
    expect((await deps.db.host.findUniqueOrThrow({ where: { id: tlsHost.id } })).address).toBe(`${h2.tcp.host}:${h2.tcp.port}`);
  });

  it('refuses a duplicate name, whatever its case', async () => {
    const error = await failure({ name: 'LAB-UNIX', transport: 'unix', socketPath: h3.socket });
    expect(error.code).toBe('CONFLICT');
    expect(error.fieldErrors?.name).toBeDefined();
  });
});

describe('bad connections are explained and nothing is saved', () => {
  it('an unreachable address fails with ENGINE_UNREACHABLE naming the address', async () => {
    const error = await failure({ name: 'nowhere', transport: 'tcp', host: '10.99.0.249', port: 2376, ...tls });
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toContain('10.99.0.249:2376');
  });

  it('a port with nothing listening is refused', async () => {
    const error = await failure({ name: 'closed-port', transport: 'tcp', host: h2.tcp.host, port: 2377, ...tls });
    expect(error.message).toMatch(/connection refused|No answer/);
  });

  it('a CA that did not sign the engine certificate is named as the problem', async () => {
    const error = await failure({ name: 'wrong-ca', transport: 'tcp', host: h2.tcp.host, port: h2.tcp.port, ...tls, ca: wrong.ca });
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['ca']);
    expect(error.message).toMatch(/not signed by the CA certificate you gave/);
  });

  it('a client certificate the engine does not trust is named as the problem', async () => {
    const error = await failure({ name: 'wrong-client', transport: 'tcp', host: h2.tcp.host, port: h2.tcp.port, ca: tls.ca, cert: wrong.cert, key: wrong.key });
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['cert']);
  });

  it('a key that does not match the certificate is caught before connecting', async () => {
    const error = await failure({ name: 'wrong-key', transport: 'tcp', host: h2.tcp.host, port: h2.tcp.port, ...tls, key: wrong.key });
    expect(error.code).toBe('INVALID_INPUT');
    expect(localizeText(error.fieldErrors?.key?.[0] ?? '', 'en')).toMatch(/does not belong to the client certificate/);
  });

  it('garbage in a PEM field names that field', async () => {
    const error = await failure({ name: 'garbage', transport: 'tcp', host: h2.tcp.host, port: h2.tcp.port, ...tls, cert: 'hello' });
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['cert']);
  });

  it('an SSH key the server rejects is named as the problem', async () => {
    const error = await failure({ name: 'ssh-wrong-key', transport: 'ssh', host: lab.ssh.host, port: lab.ssh.port, username: 'root', privateKey: readPem(lab.ssh.wrongPrivateKey) });
    expect(localizeText(error.fieldErrors?.privateKey?.[0] ?? '', 'en')).toMatch(/refused this key/);
  });

  it('a missing socket path is explained', async () => {
    const error = await failure({ name: 'no-socket', transport: 'unix', socketPath: '/tmp/definitely-not-here/docker.sock' });
    expect(error.message).toMatch(/no socket at/);
  });

  describe('sockets that are not Docker engines', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wharf-notdocker-'));
    const httpSocket = path.join(dir, 'http.sock');
    const rawSocket = path.join(dir, 'raw.sock');
    const httpServer = http.createServer((_req, res) => res.writeHead(404).end('nope'));
    const rawServer = net.createServer((socket) => socket.end('SSH-2.0-NotDocker\r\n'));
    beforeAll(async () => {
      await new Promise<void>((r) => httpServer.listen(httpSocket, r));
      await new Promise<void>((r) => rawServer.listen(rawSocket, r));
    });
    afterAll(() => {
      httpServer.close();
      rawServer.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('an HTTP server that is not Docker', async () => {
      const error = await failure({ name: 'http-not-docker', transport: 'unix', socketPath: httpSocket });
      expect(error.message).toMatch(/not a Docker engine/);
      expect(error.fieldErrors?.socketPath).toBeDefined();
    });

    it('a socket that does not speak HTTP', async () => {
      const error = await failure({ name: 'raw-not-docker', transport: 'unix', socketPath: rawSocket });
      expect(error.message).toMatch(/not a Docker engine|closed the connection/);
    });

    it('a regular file', async () => {
      expect(existsSync(lab.tls.caCert)).toBe(true);
      const error = await failure({ name: 'a-file', transport: 'unix', socketPath: lab.tls.caCert });
      expect(error.code).toBe('ENGINE_UNREACHABLE');
    });
  });

  it('audits every failed attempt', async () => {
    expect(await deps.db.auditEntry.count({ where: { action: 'host.create', result: 'failed' } })).toBeGreaterThanOrEqual(11);
  });
});

describe('editing and removing', () => {
  it('renames without reconnecting and refuses a taken name', async () => {
    const host = (await listHosts(deps, operator)).find((h) => h.name === 'lab-unix')!;
    await updateHost(deps, operator, { id: host.id, name: 'lab-one', description: 'renamed', transport: 'unix', socketPath: host.address });
    expect((await getHost(deps, host.id)).name).toBe('lab-one');
    const error = await updateHost(deps, operator, { id: host.id, name: 'lab-tls', description: '', transport: 'unix', socketPath: host.address }).then(() => null, (e: AppError) => e);
    expect(error?.code).toBe('CONFLICT');
  });

  it('keeps stored TLS material when the secret fields are left blank, and tests a new address', async () => {
    const host = (await listHosts(deps, operator)).find((h) => h.name === 'lab-tls')!;
    const changes: string[] = [];
    const stop = deps.changes.subscribe((c) => changes.push(c.type));
    await updateHost(deps, operator, { id: host.id, name: 'lab-tls', description: '', transport: 'tcp', host: h3.tcp.host, port: h3.tcp.port, ca: '', cert: '', key: '' });
    stop();
    const updated = await getHost(deps, host.id);
    expect(updated.address).toBe(`${h3.tcp.host}:${h3.tcp.port}`);
    expect(updated.facts?.name).toBe(h3.name);
    expect(changes).toEqual(['host.updated']);
    // A connection change that fails is not saved.
    const error = await updateHost(deps, operator, { id: host.id, name: 'lab-tls', description: '', transport: 'tcp', host: '10.99.0.249', port: 2376, ca: '', cert: '', key: '' }).then(() => null, (e: AppError) => e);
    expect(error?.code).toBe('ENGINE_UNREACHABLE');
    expect((await getHost(deps, host.id)).address).toBe(`${h3.tcp.host}:${h3.tcp.port}`);
  });

  it('removes only when the typed name matches', async () => {
    const host = (await listHosts(deps, operator)).find((h) => h.name === 'lab-ssh')!;
    const error = await removeHost(deps, operator, { id: host.id, confirmName: 'lab-sh' }).then(() => null, (e: AppError) => e);
    expect(error?.fieldErrors?.confirmName).toBeDefined();
    await removeHost(deps, operator, { id: host.id, confirmName: 'lab-ssh' });
    expect(await deps.db.host.findUnique({ where: { id: host.id } })).toBeNull();
    expect(await deps.db.auditEntry.count({ where: { action: 'host.delete', targetId: host.id, result: 'succeeded' } })).toBe(1);
  });
});
