// Case 45: "Test connection" reaches whatever address a user types, so it is judged on the
// addresses a name resolves to (no cloud metadata or link-local address, however spelled; the
// console's own machine only for administrators), connects to the address it judged, is limited
// per user, and every probe is an audit row naming who, which address and the result. Against
// the lab's real engines and the real Postgres.
import { localizeText } from '@/lib/errors.ts';
import dns from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import type { AppError } from '@/lib/errors.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { PROBE_LIMIT, ProbeBudget } from '@/lib/services/hosts/probe-budget.ts';
import { testHostConnection, type TestConnectionDeps } from '@/lib/services/hosts/test-host-connection.ts';
import { auditLines } from '../support/audit-rows.ts';
import { createTestDeps, labState, readPem, seedUser, type TestDeps } from '../support/integration.ts';

const lab = labState();
const [h1] = lab.hosts;
const tls = { ca: readPem(lab.tls.caCert), cert: readPem(lab.tls.clientCert), key: readPem(lab.tls.clientKey) };
let deps: TestDeps;
let operator: Actor;
let admin: Actor;

beforeAll(async () => {
  deps = await createTestDeps('host_probes');
  operator = (await seedUser(deps.db, 'operator')).actor;
  admin = (await seedUser(deps.db, 'admin')).actor;
});
afterAll(async () => {
  await deps.close();
});

const probeDeps = (more: Partial<TestConnectionDeps> = {}): TestConnectionDeps => ({ db: deps.db, probes: new ProbeBudget(), ...more });
const tcpInput = (host: string) => registerHostSchema.parse({ name: 'probe', transport: 'tcp', host, port: h1.tcp.port, ...tls });
const refusal = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);
/** The actor's connection tests as the Audit page shows them (a pending row and its settlement are one line). */
const auditOf = (actor: Actor) => auditLines(deps.db, { action: 'host.test-connection', actorId: actor.id });

describe('test connection (case 45)', () => {
  it('probes an engine and audits who tested which address, and the result', async () => {
    const user = (await seedUser(deps.db, 'operator')).actor;
    const { facts } = await testHostConnection(probeDeps(), user, tcpInput(h1.tcp.host));
    expect(facts.name).toBe(h1.name);
    const failed = await refusal(testHostConnection(probeDeps(), user, tcpInput('10.99.0.249')));
    expect(failed?.code).toBe('ENGINE_UNREACHABLE');
    expect((await auditOf(user)).map((r) => [r.actorName, r.targetType, r.targetName, r.result])).toEqual([
      [user.username, 'address', `tcp ${h1.tcp.host}:${h1.tcp.port}`, 'succeeded'],
      [user.username, 'address', `tcp 10.99.0.249:${h1.tcp.port}`, 'failed'],
    ]);
  });

  it('refuses metadata and link-local addresses in every spelling, and names that resolve to them, before connecting', async () => {
    // The system resolver reads 2852039166 and 0xa9fea9fe as 169.254.169.254: judged by what they resolve to.
    expect((await dns.lookup('2852039166')).address).toBe('169.254.169.254');
    const spellings = ['169.254.169.254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '2852039166', '0xa9fea9fe', 'fe80::1', 'fd00:ec2::254', '0.0.0.0'];
    const user = (await seedUser(deps.db, 'admin')).actor;
    for (const host of spellings) {
      const error = await refusal(testHostConnection(probeDeps(), user, tcpInput(host)));
      expect(error?.code, host).toBe('FORBIDDEN');
      expect(localizeText(error?.fieldErrors?.host?.[0] ?? '', 'en'), host).toMatch(/^Wharf does not connect to .+: it is (a cloud metadata service|a link-local address|an unspecified address)/);
    }
    // Refused before any connection was attempted: denied, never failed.
    const rows = await auditOf(user);
    expect(rows.map((r) => r.result)).toEqual(spellings.map(() => 'denied'));
    expect(rows.map((r) => r.targetName)).toEqual(spellings.map((host) => `tcp ${host.includes(':') ? `[${host}]` : host}:${h1.tcp.port}`));
    expect(rows[3].message).toContain('2852039166 (169.254.169.254)');
  });

  it('connects to the address it judged, not to a second resolution of the name', async () => {
    // "lab-1" is in the engine's certificate but in no resolver of this machine: only the judged
    // address can reach it, and TLS still checks the certificate against the name.
    const lookup = async (name: string) => (name === 'lab-1' ? [h1.tcp.host] : []);
    const { facts } = await testHostConnection(probeDeps({ lookup }), admin, tcpInput('lab-1'));
    expect(facts.name).toBe(h1.name);
    const rows = await auditOf(admin);
    expect(rows.at(-1)).toMatchObject({ targetName: `tcp lab-1:${h1.tcp.port} (${h1.tcp.host})`, result: 'succeeded' });
    // And a name whose every answer is judged: one bad address refuses it.
    const mixed = async () => [h1.tcp.host, '::ffff:169.254.169.254'];
    expect((await refusal(testHostConnection(probeDeps({ lookup: mixed }), admin, tcpInput('lab-1'))))?.code).toBe('FORBIDDEN');
  });

  it("keeps unix sockets and loopback addresses on the console's machine to administrators", async () => {
    const socket = registerHostSchema.parse({ name: 'probe', transport: 'unix', socketPath: h1.socket });
    const error = await refusal(testHostConnection(probeDeps(), operator, socket));
    expect(error?.code).toBe('FORBIDDEN');
    expect(localizeText(error?.fieldErrors?.socketPath?.[0] ?? '', 'en')).toMatch(/not allowed to connect to engines on the console's own machine/);
    expect((await refusal(testHostConnection(probeDeps(), operator, tcpInput('localhost'))))?.code).toBe('FORBIDDEN');
    expect((await auditOf(operator)).slice(-2).map((r) => [r.targetName, r.result])).toEqual([
      [`unix ${h1.socket}`, 'denied'],
      [`tcp localhost:${h1.tcp.port}`, 'denied'],
    ]);
    // Adding the host is judged the same way: the Add button is no way around the test button.
    const before = await deps.db.host.count();
    expect((await refusal(registerHost(deps, operator, socket)))?.code).toBe('FORBIDDEN');
    expect((await refusal(registerHost(deps, operator, { ...tcpInput('0xa9fea9fe'), name: 'meta' })))?.code).toBe('FORBIDDEN');
    expect(await deps.db.host.count()).toBe(before);
    // An administrator may.
    const { facts } = await testHostConnection(probeDeps(), admin, socket);
    expect(facts.name).toBe(h1.name);
  });

  it('limits each user to a number of probes a minute, refusals included, and audits the refused ones', async () => {
    const probes = new ProbeBudget();
    const [user, other] = [(await seedUser(deps.db, 'operator')).actor, (await seedUser(deps.db, 'operator')).actor];
    for (let i = 0; i < PROBE_LIMIT.perWindow; i++) expect((await refusal(testHostConnection({ db: deps.db, probes }, user, tcpInput('169.254.169.254'))))?.code).toBe('FORBIDDEN');
    const limited = await refusal(testHostConnection({ db: deps.db, probes }, user, tcpInput(h1.tcp.host)));
    expect(limited?.code).toBe('RATE_LIMITED');
    expect(limited?.message).toMatch(/^Too many connection tests in a short time\. Try again in \d+ seconds?\.$/);
    const rows = await auditOf(user);
    expect(rows).toHaveLength(PROBE_LIMIT.perWindow + 1);
    expect(rows.at(-1)).toMatchObject({ result: 'denied', message: 'Too many connection tests', targetName: `tcp ${h1.tcp.host}:${h1.tcp.port}` });
    // Someone else's budget is their own.
    expect((await testHostConnection({ db: deps.db, probes }, other, tcpInput(h1.tcp.host))).facts.name).toBe(h1.name);
  });
});
