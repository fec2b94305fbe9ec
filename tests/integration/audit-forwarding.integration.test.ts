// Audit forwarding against real receivers: Debian's rsyslogd (plain TCP and TLS with a custom CA,
// scripts/lab/syslog-receiver.ts) and an HTTP endpoint (node:http), on the real test Postgres.
// Entries arrive in chain order with their hashes; a receiver that is down makes the backlog
// grow, visibly, and it drains when the receiver is back, nothing lost; a new forwarder (a console
// restart) resumes from the cursor; retention keeps what an enabled destination has not taken;
// changes are audited (case 30) and the bearer secret is sealed and never returned (case 24).
import { localizeText, type AppError } from '@/lib/errors.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '@/lib/audit/audit-chain.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { changeAuditRetention, pruneAuditLog } from '@/lib/services/audit/audit-retention.ts';
import {
  createAuditDestination,
  listAuditDestinations,
  removeAuditDestination,
  sendAuditDestinationTest,
  setAuditDestinationEnabled,
  updateAuditDestination,
} from '@/lib/services/audit/forwarding/audit-destinations.ts';
import { AuditForwarder } from '@/lib/services/audit/forwarding/audit-forwarder.ts';
import { SYSLOG_SD_ID } from '@/lib/services/audit/forwarding/syslog-format.ts';
import { syslogReceiver, type SyslogReceiver } from '@/scripts/lab/syslog-receiver.ts';
import { auditLines } from '../support/audit-rows.ts';
import { httpReceiver, loopbackCertificates, sdParams, type HttpReceiver } from '../support/audit-receivers.ts';
import { createTestDeps, seedUser, type TestDeps } from '../support/integration.ts';
import { waitFor } from '../support/wait-for.ts';

type Admin = Awaited<ReturnType<typeof seedUser>>;

let deps: TestDeps;
let admin: Admin;
let work: string;
const forwarders: AuditForwarder[] = [];
const receivers: SyslogReceiver[] = [];
const endpoints: HttpReceiver[] = [];

const subject = { id: null, name: 'tester', ip: '192.0.2.1' };
const FAST = { pollMs: 50, backoff: { baseMs: 100, maxMs: 400 }, timeoutMs: 5_000, hostname: 'wharf-test' };

function forwarder(options: ConstructorParameters<typeof AuditForwarder>[1] = {}): AuditForwarder {
  const f = new AuditForwarder(deps, { ...FAST, ...options });
  forwarders.push(f);
  f.start();
  return f;
}

async function write(count: number, action = 'test.forward', message: string | null = null): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (let i = 0; i < count; i++) ids.push(await recordAudit(deps.db, { subject, action, target: { type: 'thing', name: `n${i}` }, result: i % 3 === 0 ? 'denied' : 'succeeded', message }));
  return ids;
}

const view = async (id: string) => (await listAuditDestinations(deps)).find((d) => d.id === id)!;
const head = async () => (await deps.db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).lastId;
const caughtUp = (id: string) => waitFor(async () => { const v = await view(id); return v.backlog === 0 && BigInt(v.deliveredThrough) === (await head()) ? v : null; }, { what: 'the destination to catch up', timeoutMs: 20_000 });

beforeAll(async () => {
  deps = await createTestDeps('audit_forwarding');
  admin = await seedUser(deps.db, 'admin');
  work = await mkdtemp(join(tmpdir(), 'wharf-forwarding-'));
});

afterAll(async () => {
  for (const f of forwarders) await f.stop();
  for (const r of receivers) await r.stop();
  for (const e of endpoints) await e.close().catch(() => {});
  await deps?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** What rsyslog received, as the entries' SD-PARAMs, in the order it wrote them. */
async function receivedEntries(receiver: SyslogReceiver) {
  return (await receiver.received()).filter((m) => m.msgId !== 'wharf.test').map((m) => ({ message: m, params: sdParams(m.structuredData, SYSLOG_SD_ID)! }));
}

describe('forwarding to syslog (rsyslogd)', () => {
  it('delivers every entry in chain order, each with its number, hash and previous hash, so the receiver can check the chain', async () => {
    const receiver = await syslogReceiver(join(work, 'syslog-plain'));
    receivers.push(receiver);
    await receiver.start();
    const tricky = 'quote " bracket ] backslash \\ [x@1 y="z"] and a\nnew line, ünïcode';
    await write(3);
    await write(1, 'test.tricky', tricky);
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'syslog', name: 'rsyslog', host: '127.0.0.1', port: receiver.port, tls: false, ca: '', enabled: true });
    const f = forwarder();
    await caughtUp(id);
    await f.stop();

    const rows = await deps.db.auditEntry.findMany({ orderBy: { id: 'asc' } });
    const got = await receivedEntries(receiver);
    expect(got.map((g) => g.params.number)).toEqual(rows.map((r) => r.id.toString()));
    let previous = GENESIS_HASH;
    for (const [i, { params, message }] of got.entries()) {
      const row = rows[i]!;
      expect(params).toMatchObject({ hash: row.hash, previousHash: previous, action: row.action, result: row.result });
      // What the receiver got is enough to recompute the hash.
      const rebuilt = {
        id: BigInt(params.number!), at: new Date(Number(params.atMs)), actorId: params.actorId ?? null, actorName: params.actorName!, ip: params.ip ?? null, action: params.action!,
        targetType: params.targetType ?? null, targetId: params.targetId ?? null, targetName: params.targetName ?? null, result: params.result!, message: params.message ?? null,
        settles: params.settles ? BigInt(params.settles) : null,
      };
      expect(chainHash(previous, rebuilt)).toBe(row.hash);
      expect(message).toMatchObject({ version: '1', appName: 'wharf', hostname: 'wharf-test', msgId: row.action, pri: String(13 * 8 + (({ denied: 4, failed: 4, pending: 6 } as Record<string, number | undefined>)[row.result] ?? 5)) });
      previous = row.hash;
    }
    expect(got.find((g) => g.params.action === 'test.tricky')?.params.message).toBe(tricky);
  });

  it('goes over TLS checked against a custom CA, and says so when the CA does not match', async () => {
    const certs = await loopbackCertificates(join(work, 'tls'));
    const other = await loopbackCertificates(join(work, 'tls-other'));
    const receiver = await syslogReceiver(join(work, 'syslog-tls'), { tls: certs });
    receivers.push(receiver);
    await receiver.start();
    const good = await createAuditDestination(deps, admin.actor, { kind: 'syslog', name: 'rsyslog tls', host: '127.0.0.1', port: receiver.port, tls: true, ca: certs.caPem, enabled: true });
    const wrong = await createAuditDestination(deps, admin.actor, { kind: 'syslog', name: 'rsyslog wrong ca', host: '127.0.0.1', port: receiver.port, tls: true, ca: other.caPem, enabled: true });
    await expect(sendAuditDestinationTest(deps, admin.actor, { destinationId: good.id })).resolves.toEqual({ where: `syslog+tls 127.0.0.1:${receiver.port}` });
    await expect(sendAuditDestinationTest(deps, admin.actor, { destinationId: wrong.id })).rejects.toThrow(
      `The test message was not delivered. TLS failed: the certificate of syslog+tls 127.0.0.1:${receiver.port} is not signed by the CA you gave`,
    );
    const f = forwarder();
    await caughtUp(good.id);
    const failing = await waitFor(async () => { const v = await view(wrong.id); return v.failing ? v : null; }, { what: 'the wrong CA to be reported' });
    expect(failing.lastError).toMatch(/^TLS failed: the certificate of syslog\+tls 127\.0\.0\.1:\d+ is not signed by the CA you gave/);
    expect(failing.backlog).toBeGreaterThan(0);
    await f.stop();
    const got = await receivedEntries(receiver);
    expect(got.length).toBeGreaterThan(0);
    expect((await receiver.received()).some((m) => m.msgId === 'wharf.test')).toBe(true);
    await setAuditDestinationEnabled(deps, admin.actor, { destinationId: wrong.id, enabled: false });
    await setAuditDestinationEnabled(deps, admin.actor, { destinationId: good.id, enabled: false });
    await receiver.stop();
  });

  it('lets the backlog grow while rsyslogd is down, shows it with the error, and drains it when it is back, nothing lost', async () => {
    const receiver = await syslogReceiver(join(work, 'syslog-outage'));
    receivers.push(receiver);
    await receiver.start();
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'syslog', name: 'rsyslog outage', host: '127.0.0.1', port: receiver.port, tls: false, ca: '', enabled: true });
    const f = forwarder();
    await caughtUp(id);
    await receiver.stop();

    await write(25, 'test.while-down');
    const down = await waitFor(async () => { const v = await view(id); return v.failing ? v : null; }, { what: 'the outage to be shown' });
    expect(down.lastError).toBe(`Nothing is listening at syslog 127.0.0.1:${receiver.port} (connection refused). Check the address and port, and that the receiver runs.`);
    expect(down.backlog).toBeGreaterThanOrEqual(25);
    const before = down.backlog;
    await write(5, 'test.while-down');
    expect((await view(id)).backlog).toBe(before + 5);

    await receiver.start();
    const back = await caughtUp(id);
    expect(back.failing).toBe(false);
    await f.stop();
    const numbers = (await receivedEntries(receiver)).map((g) => BigInt(g.params.number!));
    const all = (await deps.db.auditEntry.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id);
    // Every entry arrived, in order (a batch cut off by the outage may arrive twice: at-least-once).
    expect([...new Set(numbers)]).toEqual(all);
    expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await setAuditDestinationEnabled(deps, admin.actor, { destinationId: id, enabled: false });
  });
});

describe('forwarding to an HTTP endpoint', () => {
  it('POSTs JSON batches with the bearer secret, which is sealed in the database and never returned', async () => {
    const endpoint = await httpReceiver();
    endpoints.push(endpoint);
    const secret = 'forwarding-secret-0123456789';
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'siem', url: endpoint.url, secret, ca: '', enabled: true });
    const stored = await deps.db.auditDestination.findUniqueOrThrow({ where: { id } });
    expect(stored.secretSealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(secret);
    const views = await listAuditDestinations(deps);
    expect(JSON.stringify(views)).not.toContain(secret);
    expect(views.find((v) => v.id === id)).toMatchObject({ hasSecret: true, kind: 'http', url: endpoint.url });

    await sendAuditDestinationTest(deps, admin.actor, { destinationId: id });
    expect(endpoint.posts[0]).toMatchObject({ headers: { authorization: `Bearer ${secret}` }, body: { source: 'wharf', test: true, entries: [] } });

    const f = forwarder({ httpBatch: { maxItems: 7, maxBytes: 1024 * 1024 } });
    await caughtUp(id);
    await f.stop();
    const entries = endpoint.posts.slice(1).flatMap((p) => p.body.entries);
    expect(endpoint.posts.slice(1).every((p) => p.body.entries.length <= 7 && p.headers.authorization === `Bearer ${secret}`)).toBe(true);
    const rows = await deps.db.auditEntry.findMany({ where: { id: { lte: BigInt(String(entries.at(-1)!.number)) } }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => e.number)).toEqual(rows.map((r) => r.id.toString()));
    expect(entries.map((e) => e.hash)).toEqual(rows.map((r) => r.hash));
    expect(entries.slice(1).map((e) => e.previousHash)).toEqual(rows.slice(0, -1).map((r) => r.hash));
    expect(entries[0]!.previousHash).toBe(GENESIS_HASH);
    const log = await auditLines(deps.db, { action: 'audit.destination.test', targetId: id });
    expect(log).toHaveLength(1);
    expect(JSON.stringify(await auditLines(deps.db, {}))).not.toContain(secret);
    await setAuditDestinationEnabled(deps, admin.actor, { destinationId: id, enabled: false });
  });

  it('reports the HTTP status while the endpoint fails, then drains; a new forwarder (a console restart) resumes from the cursor', async () => {
    const endpoint = await httpReceiver();
    endpoints.push(endpoint);
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'restarts', url: endpoint.url, secret: '', ca: '', enabled: true });
    const first = forwarder();
    await caughtUp(id);
    const sentBefore = endpoint.posts.flatMap((p) => p.body.entries).length;

    endpoint.answer = 503;
    await write(10, 'test.http-503');
    const failing = await waitFor(async () => { const v = await view(id); return v.failing ? v : null; }, { what: 'the 503 to be shown' });
    expect(failing.lastError).toBe(`${endpoint.url} answered HTTP 503 Service Unavailable: the endpoint failed; Wharf keeps retrying.`);
    expect(failing.backlog).toBeGreaterThanOrEqual(10);

    // The console stops while the endpoint is down; entries keep being written.
    await first.stop();
    await endpoint.close();
    await write(10, 'test.while-stopped');
    const cursor = BigInt((await view(id)).deliveredThrough);
    endpoint.answer = 200;
    await endpoint.listen();

    const second = forwarder();
    await caughtUp(id);
    await second.stop();
    const resumed = endpoint.posts.flatMap((p) => p.body.entries).slice(sentBefore);
    const expected = await deps.db.auditEntry.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, select: { id: true } });
    expect(resumed.map((e) => e.number)).toEqual(expected.map((r) => r.id.toString()));
    expect(new Set(endpoint.posts.flatMap((p) => p.body.entries).map((e) => e.number)).size).toBe(endpoint.posts.flatMap((p) => p.body.entries).length);
  });
});

describe('retention and forwarding', () => {
  it('keeps every entry an enabled destination has not taken, and records the gap when a disabled one comes back', async () => {
    const endpoint = await httpReceiver();
    endpoints.push(endpoint);
    // Everything else is disabled: only this one holds.
    for (const d of await listAuditDestinations(deps)) if (d.enabled) await setAuditDestinationEnabled(deps, admin.actor, { destinationId: d.id, enabled: false });
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'held', url: endpoint.url, secret: '', ca: '', enabled: true });
    const f = forwarder();
    await caughtUp(id);
    await f.stop();
    const cursor = BigInt((await view(id)).deliveredThrough);
    await write(5, 'test.not-yet-sent');

    const waiting = async () => (await deps.db.auditEntry.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id);
    const notSent = await waiting();
    await changeAuditRetention(deps, admin.actor, { days: 1 });
    const later = new Date(Date.now() + 3 * 86_400_000);
    const cut = await pruneAuditLog(deps, { now: later });
    expect(BigInt(cut.through!)).toBeLessThanOrEqual(cursor);
    expect(await deps.db.auditEntry.count({ where: { id: { gt: cursor } } })).toBe((await view(id)).backlog);
    expect((await view(id)).backlog).toBeGreaterThanOrEqual(5);
    expect((await waiting()).slice(0, notSent.length)).toEqual(notSent);

    // Disabled, it holds nothing back: the cut passes its cursor, and it says so when enabled again.
    await setAuditDestinationEnabled(deps, admin.actor, { destinationId: id, enabled: false });
    const second = await pruneAuditLog(deps, { now: later });
    expect(BigInt(second.through!)).toBeGreaterThan(cursor);
    await setAuditDestinationEnabled(deps, admin.actor, { destinationId: id, enabled: true });
    const g = forwarder();
    await caughtUp(id);
    await g.stop();
    const gap = await view(id);
    expect(gap.lastError).toMatch(new RegExp(`^Entries ${cursor + 1n} to ${second.through} were removed by retention before they were sent here`));
    await changeAuditRetention(deps, admin.actor, { days: null });
  });
});

describe('destinations are administered in the open', () => {
  it('audits adding, editing, enabling, disabling and removing (case 30), and keeps or replaces the secret on edit', async () => {
    const endpoint = await httpReceiver();
    endpoints.push(endpoint);
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'audited', url: endpoint.url, secret: 'first-secret', ca: '', enabled: false });
    const taken = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'audited', url: endpoint.url, secret: '', ca: '', enabled: false }).catch((error: AppError) => error);
    expect(taken).toMatchObject({ code: 'CONFLICT' });
    expect((taken as AppError).fieldErrors?.name?.map((text) => localizeText(text, 'en'))).toEqual(['This name is taken.']);
    await updateAuditDestination(deps, admin.actor, { destinationId: id, kind: 'http', name: 'audited', url: `${endpoint.url}/v2`, secret: '', clearSecret: false, ca: '', enabled: false });
    await sendAuditDestinationTest(deps, admin.actor, { destinationId: id });
    expect(endpoint.posts.at(-1)!.headers.authorization).toBe('Bearer first-secret');
    await updateAuditDestination(deps, admin.actor, { destinationId: id, kind: 'http', name: 'audited', url: `${endpoint.url}/v2`, secret: '', clearSecret: true, ca: '', enabled: true });
    await sendAuditDestinationTest(deps, admin.actor, { destinationId: id });
    expect(endpoint.posts.at(-1)!.headers.authorization).toBeUndefined();
    await setAuditDestinationEnabled(deps, admin.actor, { destinationId: id, enabled: false });
    await removeAuditDestination(deps, admin.actor, { destinationId: id });
    expect(await deps.db.auditDestination.findUnique({ where: { id } })).toBeNull();

    const lines = await auditLines(deps.db, { targetType: 'audit-destination', targetId: id });
    expect(lines.map((l) => [l.action, l.result])).toEqual([
      ['audit.destination.create', 'succeeded'],
      ['audit.destination.update', 'succeeded'],
      ['audit.destination.test', 'succeeded'],
      ['audit.destination.update', 'succeeded'],
      ['audit.destination.test', 'succeeded'],
      ['audit.destination.disable', 'succeeded'],
      ['audit.destination.delete', 'succeeded'],
    ]);
    expect(lines[1]!.message).toBe(`${endpoint.url} → ${endpoint.url}/v2`);
    expect(lines[3]!.message).toBe(`${endpoint.url}/v2; enabled; bearer secret removed`);
  });

  it('says plainly when a test message finds nothing listening', async () => {
    const endpoint = await httpReceiver();
    await endpoint.close();
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'nobody home', url: endpoint.url, secret: '', ca: '', enabled: false });
    await expect(sendAuditDestinationTest(deps, admin.actor, { destinationId: id })).rejects.toMatchObject({
      code: 'PRECONDITION',
      message: `The test message was not delivered. Nothing is listening at ${endpoint.url} (connection refused). Check the address and port, and that the receiver runs.`,
    });
    const [line] = await auditLines(deps.db, { action: 'audit.destination.test', targetId: id });
    expect(line).toMatchObject({ result: 'failed' });
  });
});


describe('where the audit log may go (case 20)', () => {
  const metadata = async () => ['169.254.169.254'];

  it('refuses, when saved, a destination whose name resolves to a metadata address, on its field, and audits the refusal', async () => {
    const http = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'rebound http', url: 'http://collector.internal/audit', secret: '', ca: '', enabled: true }, metadata).catch((error: AppError) => error);
    expect(http).toMatchObject({ code: 'FORBIDDEN', message: 'Wharf does not send the audit log to collector.internal (169.254.169.254): it is a link-local address, where cloud metadata services answer.' });
    expect((http as AppError).fieldErrors?.url?.map((text) => localizeText(text, 'zh-CN'))).toEqual(['Wharf 不会把审计日志发送到 collector.internal (169.254.169.254)：它是链路本地地址（云元数据服务在此应答）。']);
    const syslog = await createAuditDestination(deps, admin.actor, { kind: 'syslog', name: 'rebound syslog', host: 'syslog.internal', port: 514, tls: false, ca: '', enabled: true }, metadata).catch((error: AppError) => error);
    expect((syslog as AppError).fieldErrors?.host).toHaveLength(1);
    expect(await deps.db.auditDestination.count({ where: { name: { startsWith: 'rebound' } } })).toBe(0);
    const refusals = await auditLines(deps.db, { action: 'audit.destination.create' });
    expect(refusals.filter((l) => l.result === 'denied' || l.result === 'failed').map((l) => l.targetName)).toEqual(expect.arrayContaining(['rebound http', 'rebound syslog']));

    // An edit that moves a destination there is refused the same way and changes nothing.
    const endpoint = await httpReceiver();
    endpoints.push(endpoint);
    const { id } = await createAuditDestination(deps, admin.actor, { kind: 'http', name: 'moved later', url: endpoint.url, secret: '', ca: '', enabled: false });
    await expect(updateAuditDestination(deps, admin.actor, { destinationId: id, kind: 'http', name: 'moved later', url: 'http://collector.internal/', secret: '', clearSecret: false, ca: '', enabled: false }, metadata)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await view(id)).where).toBe(endpoint.url);
  });

  it('refuses to send to a stored destination that leads to a metadata address, before any connection', async () => {
    // A row written before the address was judged (or by hand): sending judges it again.
    for (const [kind, settings] of [
      ['http', { url: 'http://[::ffff:169.254.169.254]/latest/meta-data/', ca: '' }],
      ['syslog', { host: '169.254.169.254', port: 514, tls: false, ca: '' }],
    ] as const) {
      const row = await deps.db.auditDestination.create({ data: { id: `stored-${kind}-${Date.now()}`, name: `stored ${kind}`, kind, enabled: false, settings, secretSealed: null, deliveredThrough: 0n } });
      const refused = await sendAuditDestinationTest(deps, admin.actor, { destinationId: row.id }).catch((error: AppError) => error);
      expect(refused).toMatchObject({ code: 'PRECONDITION' });
      expect((refused as AppError).message).toMatch(/^The test message was not delivered\. Wharf does not connect to (::ffff:a9fe:a9fe|169\.254\.169\.254): it is a link-local address, where cloud metadata services answer\.$/);
    }
  });
});
