// SSH terminals on a provisioned host's machine over the streams namespace, against a real
// socket.io server, Postgres and the lab's SSH host (sshd at 10.99.0.50, hostname lab-ssh): a host
// row as the generic driver leaves it (machine address, user, port and pinned host key; its key
// sealed for the machine) whose engine is the SSH host's, reached over SSH like a registered host.
// An administrator gets a shell (output and hostname, resize seen by `stty size`), start and end
// audited with the duration; closing the page hangs up the shell and what it runs; an operator is
// refused (audited); a pinned host key other than the machine's is refused before logging in; the
// local driver's sandboxes and registered hosts have no SSH; access withdrawn and idle sessions end.
import { randomBytes, randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '@/lib/crypto/secret-box.ts';
import { newId } from '@/lib/db/new-id.ts';
import type { RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import type { Ack, HostSshOpened } from '@/lib/realtime/stream-protocol.ts';
import { fingerprintOf } from '@/lib/services/engine/ssh-dial-agent.ts';
import { createProvisionDrivers } from '@/lib/services/hosts/drivers/provision-drivers.ts';
import { sealSecrets } from '@/lib/services/hosts/host-connection.ts';
import { machineSecretContext } from '@/lib/services/hosts/provision/check-and-register.ts';
import { changeUserRole } from '@/lib/services/users/manage-users.ts';
import { labState, readPem } from '../support/integration.ts';
import { startStreamsServer, StreamsSuite, type StreamClient } from '../support/streams-server.ts';
import { auditLines } from '../support/audit-rows.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const privateKey = readPem(lab.ssh.privateKey);
const suite = new StreamsSuite();
const hosts = { generic: '', wrongKey: '', unpinned: '', local: '', registered: '' };

/** A host row as provisioning by the generic driver leaves it, its engine reached over SSH. */
async function provisionedHost(name: string, options: { driver?: string | null; sshHostKey?: string | null } = {}): Promise<string> {
  const id = newId();
  const driver = options.driver === undefined ? 'generic' : options.driver;
  const { host, port, user } = lab.ssh;
  await suite.deps.db.host.create({
    data: {
      id,
      name,
      transport: 'ssh',
      address: `${user}@${host}:${port}`,
      secretsSealed: sealSecrets(suite.deps.keyring, id, { transport: 'ssh', host, port, username: user, ssh: { privateKey }, hostKey: lab.ssh.hostKeyFingerprint }),
      sshHostKey: lab.ssh.hostKeyFingerprint,
      driver,
      machine: driver
        ? { address: host, sshUser: user, sshPort: port, ...(options.sshHostKey === null ? {} : { sshHostKey: options.sshHostKey ?? lab.ssh.hostKeyFingerprint }) }
        : undefined,
      machineSealed: driver ? seal(suite.deps.keyring, JSON.stringify({ privateKey }), machineSecretContext(id)) : null,
    },
  });
  return id;
}

beforeAll(async () => {
  await suite.prepare('host_ssh');
  hosts.generic = await provisionedHost('ssh-generic');
  // Any other key than the machine's: the fingerprint of random bytes.
  hosts.wrongKey = await provisionedHost('ssh-wrong-key', { sshHostKey: fingerprintOf(randomBytes(32)) });
  hosts.unpinned = await provisionedHost('ssh-unpinned', { sshHostKey: null });
  hosts.registered = await provisionedHost('ssh-registered', { driver: null });
  hosts.local = newId();
  await suite.deps.db.host.create({
    data: { id: hosts.local, name: 'local-sandbox', transport: 'tcp', address: '10.213.0.2:2376', driver: 'local', machine: { address: '10.213.0.2', name: 'wharf-0a1b2c3d' } },
  });
  const drivers = createProvisionDrivers(suite.deps);
  await suite.listen({ revalidateMs: 1000, keyring: suite.deps.keyring, drivers });
}, 60_000);

afterAll(() => suite.close(), 60_000);

const open = (socket: StreamClient, hostId: string, size = { cols: 80, rows: 24 }) =>
  new Promise<Ack<HostSshOpened>>((resolve) => socket.emit('host-ssh:open', { hostId, ...size }, resolve));

/** An SSH session from a socket: its output so far, and ways to wait for text in it or its end. */
async function shell(socket: StreamClient, hostId = hosts.generic) {
  let output = '';
  let exit: string | null = null;
  const ack = await open(socket, hostId);
  if (!ack.ok) throw new Error(`refused: ${ack.error.message}`);
  const { sessionId } = ack.data;
  socket.on('host-ssh:data', (m) => {
    if (m.sessionId === sessionId) output += m.data;
  });
  socket.on('host-ssh:exit', (m) => {
    if (m.sessionId === sessionId) exit = m.reason;
  });
  return {
    opened: ack.data,
    sessionId,
    send: (data: string) => socket.emit('host-ssh:data', { sessionId, data }),
    waitForOutput: (pattern: RegExp, what: string) => waitFor(() => pattern.exec(output), { timeoutMs: 15_000, what }),
    waitForExit: () => waitFor(() => exit, { timeoutMs: 15_000, what: 'the session to end' }),
  };
}

/** Processes on this machine (the SSH host shares its process table) running exactly `argv`. */
function processesRunning(argv: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') === argv) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A command line no other test runs. */
const uniqueSleep = () => `sleep ${randomInt(100_000, 999_999)}`;

/** Types a sleep no other test runs into the shell and waits until the SSH host runs it; returns that command. */
async function startSleep(term: { send(data: string): void }): Promise<string> {
  const sleep = uniqueSleep();
  term.send(`${sleep}\n`);
  await waitFor(() => processesRunning(sleep).length > 0, { timeoutMs: 15_000, what: `"${sleep}" to run on the SSH host` });
  return sleep;
}

/** A new administrator's shell on the generic host, running a sleep of its own (see startSleep). */
async function newAdminRunningSleep() {
  const { user, socket } = await suite.socketOfNewUser('admin');
  const term = await shell(socket);
  return { user, socket, term, sleep: await startSleep(term) };
}

const sleepGone = (sleep: string, what: string) => waitFor(() => processesRunning(sleep).length === 0, { timeoutMs: 15_000, what });

/** The audit row of the end of `userId`'s SSH session, once written. */
const auditedEnd = (userId: string) => waitFor(() => suite.deps.db.auditEntry.findFirst({ where: { actorId: userId, action: 'host.ssh.end' } }), { what: 'the end audited' });

const auditRows = (actorId: string) => auditLines(suite.deps.db, { actorId });

describe('SSH terminals on a provisioned machine', () => {
  it('gives an administrator a shell on the machine, follows resizes, and audits start and end', async () => {
    const socket = await suite.socketFor(suite.admin);
    const term = await shell(socket);
    expect(term.opened).toMatchObject({ login: `root@${lab.ssh.host}:${lab.ssh.port}`, hostKey: lab.ssh.hostKeyFingerprint });
    term.send('echo $((6*7)); hostname\n');
    await term.waitForOutput(/^42\r?$/m, 'the arithmetic');
    await term.waitForOutput(new RegExp(`^${lab.ssh.name}\\r?$`, 'm'), "the SSH host's hostname");
    term.send('stty size\n');
    await term.waitForOutput(/^24 80\r?$/m, 'the first size');
    socket.emit('host-ssh:resize', { sessionId: term.sessionId, cols: 132, rows: 41 });
    term.send('stty size\n');
    await term.waitForOutput(/^41 132\r?$/m, 'the new size');
    socket.emit('host-ssh:close', { sessionId: term.sessionId });
    expect(await term.waitForExit()).toBe('Closed by the user.');

    const rows = await waitFor(async () => {
      const found = await auditRows(suite.admin.id);
      return found.some((r) => r.action === 'host.ssh.end') ? found : null;
    }, { what: 'the end of the session audited' });
    expect(rows.map((r) => [r.action, r.result, r.targetType, r.targetId, r.targetName])).toEqual([
      ['host.ssh.start', 'succeeded', 'host', hosts.generic, 'ssh-generic'],
      ['host.ssh.end', 'succeeded', 'host', hosts.generic, 'ssh-generic'],
    ]);
    expect(rows[0].message).toBe(`a shell as root@${lab.ssh.host}:${lab.ssh.port}, host key ${lab.ssh.hostKeyFingerprint}`);
    expect(rows[1].message).toMatch(/^root@10\.99\.0\.50:22; Closed by the user\. After \d+ s\.$/);
    socket.disconnect();
  });

  it('closes the SSH channel when the browser goes away mid-command: the shell and its command end, and the end is audited', async () => {
    const { user, socket, sleep } = await newAdminRunningSleep();
    socket.disconnect();
    await sleepGone(sleep, 'the command to end with the channel');
    const end = await auditedEnd(user.id);
    expect(end.result).toBe('succeeded');
    expect(end.message).toMatch(/The browser disconnected\. After \d+ s\./);
  });

  it('refuses an operator and audits the refusal', async () => {
    const { user: operator, socket } = await suite.socketOfNewUser('operator');
    expect(await open(socket, hosts.generic)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed to open a shell on the machine/) } });
    const rows = await auditRows(operator.id);
    expect(rows.map((r) => [r.action, r.result, r.targetType, r.targetId])).toEqual([['host.ssh', 'denied', 'host', hosts.generic]]);
    socket.disconnect();
  });

  it('refuses a machine whose host key is not the pinned one, before logging in, and audits the attempt', async () => {
    const { user, socket } = await suite.socketOfNewUser('admin');
    const pinned = ((await suite.deps.db.host.findUniqueOrThrow({ where: { id: hosts.wrongKey } })).machine as { sshHostKey: string }).sshHostKey;
    const refused = await open(socket, hosts.wrongKey);
    expect(refused.ok).toBe(false);
    const error = (refused as { ok: false; error: { message: string } }).error.message;
    expect(error).toContain(`The SSH host key of ${lab.ssh.host}:${lab.ssh.port} (${lab.ssh.hostKeyFingerprint}) does not match the key pinned when "ssh-wrong-key" was provisioned (${pinned})`);
    const rows = await auditRows(user.id);
    expect(rows.map((r) => [r.action, r.result, r.message])).toEqual([['host.ssh.start', 'failed', error]]);
    socket.disconnect();
  });

  it('refuses a machine with no pinned host key rather than trusting the first one seen', async () => {
    const socket = await suite.socketFor(suite.admin);
    expect(await open(socket, hosts.unpinned)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/No SSH host key was pinned .* does not log in/) } });
    socket.disconnect();
  });

  it('says the local driver has no SSH, and that a registered host is not Wharf\'s machine', async () => {
    const socket = await suite.socketFor(suite.admin);
    expect(await open(socket, hosts.local)).toMatchObject({ ok: false, error: { message: '"local-sandbox" runs on a machine made by the local driver, which has no SSH: there is no shell to open there.' } });
    expect(await open(socket, hosts.registered)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/registered, not provisioned/) } });
    expect(await open(socket, 'hnosuchhost000000000000000')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'That host does not exist.' } });
    socket.disconnect();
  });

  it('closes the session when its user loses host.ssh, and the shell ends', async () => {
    const { user, socket, term, sleep } = await newAdminRunningSleep();
    await changeUserRole(suite.deps, suite.admin.actor, user.id, 'operator');
    expect(await term.waitForExit()).toBe('Your access to SSH on this host was withdrawn.');
    await sleepGone(sleep, 'the command to end');
    expect(socket.connected).toBe(true); // what an operator may still use stays open
    const end = await auditedEnd(user.id);
    expect(end.message).toContain('withdrawn');
    socket.disconnect();
  });

  it('never writes the private key into the audit log', async () => {
    const rows = await suite.deps.db.auditEntry.findMany({ where: { action: { startsWith: 'host.ssh' } } });
    expect(rows.length).toBeGreaterThan(3);
    const keyBody = privateKey.split('\n')[1];
    for (const row of rows) {
      expect(row.message ?? '').not.toContain('PRIVATE KEY');
      expect(row.message ?? '').not.toContain(keyBody);
    }
  });
});

describe('idle SSH terminals', () => {
  let idleRealtime: RealtimeServer;

  afterAll(async () => {
    await idleRealtime?.close();
  });

  it('closes a session nobody uses after the idle timeout (the exec setting), and the shell ends', async () => {
    const idle = await startStreamsServer({ db: suite.deps.db, inventory: suite.inventory, changes: suite.deps.changes, engines: suite.deps.engines, keyring: suite.deps.keyring, drivers: createProvisionDrivers(suite.deps), execIdleMs: 1500 });
    idleRealtime = idle.realtime;
    const socket = await suite.socketFor(suite.admin, idle.origin);
    const term = await shell(socket);
    const sleep = await startSleep(term);
    expect(await term.waitForExit()).toBe('Closed after 2 s without activity.');
    await sleepGone(sleep, 'the command to end');
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });
});
