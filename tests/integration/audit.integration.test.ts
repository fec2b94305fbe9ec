// The audit log on a real Postgres: the hash chain (written by the database, checked by the
// verifier, names the first entry edited behind Wharf's back: case 46), export, retention from
// a checkpoint, and audit writes that fail stopping what they would record (case 30).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import Dockerode from 'dockerode';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_WRITE_REFUSED, audited, recordAudit } from '@/lib/audit/record-audit.ts';
import { chainHash, GENESIS_HASH } from '@/lib/audit/audit-chain.ts';
import { seal } from '@/lib/crypto/secret-box.ts';
import { newId } from '@/lib/db/new-id.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { changeAuditRetention, pruneAuditLog, readAuditRetention } from '@/lib/services/audit/audit-retention.ts';
import { exportAuditEntries } from '@/lib/services/audit/export-audit-entries.ts';
import { listAuditEntries } from '@/lib/services/audit/list-audit-entries.ts';
import { verifyAuditChain } from '@/lib/services/audit/verify-audit-chain.ts';
import { createProvisionDrivers } from '@/lib/services/hosts/drivers/provision-drivers.ts';
import { sealSecrets } from '@/lib/services/hosts/host-connection.ts';
import { machineSecretContext } from '@/lib/services/hosts/provision/check-and-register.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { openExecSession } from '@/lib/services/streams/terminals/exec-session.ts';
import { openHostSshSession } from '@/lib/services/streams/terminals/ssh-session.ts';
import { changeUserRole, createUser } from '@/lib/services/users/manage-users.ts';
import { auditLines } from '../support/audit-rows.ts';
import { createTestDeps, labState, readPem, removeTestContainers, seedUser, type TestDeps } from '../support/integration.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

type Admin = Awaited<ReturnType<typeof seedUser>>;
const opened: TestDeps[] = [];

async function database(name: string): Promise<{ deps: TestDeps; admin: Admin; sql: (text: string, values?: unknown[]) => Promise<pg.QueryResult> }> {
  const deps = await createTestDeps(name);
  opened.push(deps);
  const admin = await seedUser(deps.db, 'admin');
  const sql = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: deps.databaseUrl });
    await client.connect();
    try {
      return await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  return { deps, admin, sql };
}

/** What someone with the database's owner rights can do: change a row with the guards off. */
const editBehindWharf = (sql: (text: string) => Promise<unknown>, statement: string) =>
  sql(`BEGIN; SET LOCAL session_replication_role = replica; ${statement}; COMMIT;`);

const password = 'correct horse battery';

afterAll(async () => {
  for (const deps of opened) await deps.close();
});

describe('the audit chain (case 46)', () => {
  let ctx: Awaited<ReturnType<typeof database>>;
  beforeAll(async () => {
    ctx = await database('audit_chain');
  });

  it('chains every entry, outcomes included, and says intact through the newest', async () => {
    const { deps, admin } = ctx;
    const bob = await createUser(deps, admin.actor, { username: 'bob', password, role: 'viewer' });
    await expect(createUser(deps, admin.actor, { username: 'bob', password, role: 'viewer' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await recordAudit(deps.db, { subject: { id: null, name: 'nobody', ip: '203.0.113.9' }, action: 'auth.sign-in', result: 'denied', message: 'Wrong näme\nor password; "quoted", 1:2' });

    const lines = await auditLines(deps.db, { action: 'user.create' });
    expect(lines.map((l) => [l.result, l.targetId])).toEqual([['succeeded', bob.id], ['failed', null]]);
    expect((await listAuditEntries(deps, { action: 'user.create', result: 'failed' })).entries).toHaveLength(1);
    expect((await listAuditEntries(deps, { action: 'user.create', result: 'pending' })).entries).toHaveLength(0);

    const head = await deps.db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const report = await verifyAuditChain(deps);
    expect(report).toMatchObject({ intact: true, through: head.lastId.toString(), brokenAt: null, checkedRows: 5, from: '0' });
    expect(report.summary).toBe(`Intact through entry ${head.lastId}.`);
    expect(renderMessage(report.summarySaid, 'zh-CN')).toBe(`完整，直到条目 ${head.lastId}。`);
  });

  it('stays one chain when many entries are written at once', async () => {
    const { deps, admin } = ctx;
    const subject = { id: admin.id, name: admin.username, ip: null };
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2
          ? recordAudit(deps.db, { subject, action: 'load.denied', result: 'denied', message: `n${i}` })
          : audited(deps.db, subject, 'load.change', { type: 'thing', name: `t${i}` }, () => new Promise((r) => setTimeout(r, i % 7))),
      ),
    );
    const report = await verifyAuditChain(deps, { batch: 7 });
    expect(report).toMatchObject({ intact: true, checkedRows: 5 + 30 + 60 });
  });

  it('refuses to change or remove an entry', async () => {
    const { sql } = ctx;
    await expect(sql(`UPDATE "AuditEntry" SET "result" = 'succeeded'`)).rejects.toThrow(/cannot be changed or removed/);
    await expect(sql(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/cannot be changed or removed/);
    await expect(sql(`TRUNCATE "AuditEntry" CASCADE`)).rejects.toThrow(/cannot be changed or removed/);
    expect((await verifyAuditChain(ctx.deps)).intact).toBe(true);
  });

  it('names the first entry edited directly in Postgres, and the next one when the edit was re-hashed', async () => {
    const { deps, sql } = await database('audit_tamper');
    const subject = { id: null, name: 'someone', ip: null };
    const ids: bigint[] = [];
    for (let i = 0; i < 5; i++) ids.push(await recordAudit(deps.db, { subject, action: 'thing.do', result: 'succeeded', message: `step ${i}` }));
    expect((await verifyAuditChain(deps)).intact).toBe(true);

    await editBehindWharf(sql, `UPDATE "AuditEntry" SET "message" = 'step 2 (nothing to see)' WHERE "id" = ${ids[2]}`);
    const edited = await verifyAuditChain(deps, { batch: 2 });
    expect(edited).toMatchObject({ intact: false, brokenAt: ids[2]!.toString(), through: ids[1]!.toString() });
    expect(edited.summary).toMatch(new RegExp(`^Broken at entry ${ids[2]}\\.`));

    // Re-hashing the edited row hides it only from itself: the next entry no longer follows.
    const row = await deps.db.auditEntry.findUniqueOrThrow({ where: { id: ids[2]! } });
    const previous = await deps.db.auditEntry.findUniqueOrThrow({ where: { id: ids[1]! } });
    await editBehindWharf(sql, `UPDATE "AuditEntry" SET "hash" = '${chainHash(previous.hash, row)}' WHERE "id" = ${ids[2]}`);
    expect(await verifyAuditChain(deps)).toMatchObject({ intact: false, brokenAt: ids[3]!.toString() });

    // A removed entry is named by the one after it; removed newest entries by the recorded head.
    await editBehindWharf(sql, `UPDATE "AuditEntry" SET "message" = 'step 2', "hash" = '${row.hash}' WHERE "id" = ${ids[2]}`);
    expect((await verifyAuditChain(deps)).intact).toBe(true);
    await editBehindWharf(sql, `DELETE FROM "AuditEntry" WHERE "id" = ${ids[1]}`);
    expect(await verifyAuditChain(deps)).toMatchObject({ intact: false, brokenAt: ids[2]!.toString() });
    const { deps: other, sql: otherSql } = await database('audit_tail');
    const last = await recordAudit(other.db, { subject, action: 'thing.do', result: 'succeeded' });
    await editBehindWharf(otherSql, `DELETE FROM "AuditEntry" WHERE "id" = ${last}`);
    expect(await verifyAuditChain(other)).toMatchObject({ intact: false, brokenAt: last.toString(), reason: expect.stringMatching(/missing/) });
  });

  it('starts from the checkpoint its migration recorded', async () => {
    const { deps } = ctx;
    const start = await deps.db.auditCheckpoint.findFirstOrThrow({ orderBy: { id: 'asc' } });
    expect(start).toMatchObject({ throughId: 0n, hash: GENESIS_HASH, reason: expect.stringMatching(/chain starts here/) });
  });
});

describe('export', () => {
  it('streams the filtered log as CSV and JSON lines, oldest first, and audits the export', async () => {
    const { deps, admin } = await database('audit_export');
    await createUser(deps, admin.actor, { username: 'carol', password, role: 'viewer' });
    await recordAudit(deps.db, { subject: { id: null, name: '=evil', ip: null }, action: 'auth.sign-in', result: 'denied', message: 'a, "b"\nc' });
    const read = async (format: 'csv' | 'jsonl', filter = {}) => {
      const download = await exportAuditEntries(deps, admin.actor, filter, format);
      let text = '';
      for await (const chunk of download.chunks) text += chunk;
      return { download, text };
    };
    const csv = await read('csv', { action: 'auth' });
    expect(csv.download).toMatchObject({ contentType: 'text/csv; charset=utf-8', filename: expect.stringMatching(/^wharf-audit-.*\.csv$/) });
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('id,time,actor,actor_id,ip,action,target_type,target_id,target_name,result,message,settled_at');
    expect(lines[1]).toMatch(/^\d+,[^,]+,'=evil,,,auth\.sign-in,,,,denied,"a, ""b""\nc",$/);
    expect(lines.slice(2)).toEqual(['']);

    const jsonl = await read('jsonl', { result: 'succeeded' });
    const objects = jsonl.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string | null>);
    expect(objects.map((o) => [o.action, o.result, o.target_name])).toEqual([['user.create', 'succeeded', 'carol'], ['audit.export', 'succeeded', 'action auth as CSV']]);
    expect(objects[0]!.settled_at).not.toBeNull();

    const exports = await auditLines(deps.db, { action: 'audit.export' });
    expect(exports.map((e) => [e.result, e.targetName, e.actorName])).toEqual([
      ['succeeded', 'action auth as CSV', admin.username],
      ['succeeded', 'result succeeded as JSON lines', admin.username],
    ]);
    expect(exports[0]!.message).toMatch(/^1 entry through entry \d+$/);
    expect((await verifyAuditChain(deps)).intact).toBe(true);
  });
});

describe('retention', () => {
  const old = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  it('keeps everything by default', async () => {
    const { deps, sql } = await database('audit_keep');
    await sql(`INSERT INTO "AuditEntry" ("at", "actorName", "action", "result") VALUES ($1, 'a', 'ancient.thing', 'succeeded')`, [old(4000)]);
    expect(await readAuditRetention(deps)).toEqual({ days: null });
    expect(await pruneAuditLog(deps)).toEqual({ removed: 0, through: null, hash: null });
    expect(await deps.db.auditEntry.count()).toBe(1);
  });

  it('removes entries older than the setting in batches, keeps a pending entry with its outcome, and the chain verifies from the checkpoint', async () => {
    const { deps, admin, sql } = await database('audit_retention');
    const insert = async (at: string, action: string, result: string, settles: bigint | null = null) =>
      BigInt((await sql(`INSERT INTO "AuditEntry" ("at", "actorName", "action", "result", "settles") VALUES ($1, 'a', $2, $3, $4) RETURNING "id"`, [at, action, result, settles])).rows[0].id);
    const gone: bigint[] = [];
    for (let i = 0; i < 7; i++) gone.push(await insert(old(60 - i), 'old.thing', 'succeeded'));
    const slow = await insert(old(45), 'slow.thing', 'pending');
    const olderAfter = await insert(old(40), 'old.thing', 'denied');
    await insert(old(1), 'slow.thing', 'succeeded', slow);
    const recent = await insert(old(1), 'new.thing', 'succeeded');

    await deps.db.setting.create({ data: { key: 'audit.retention', value: { days: 30 } } });
    const report = await pruneAuditLog(deps, { batch: 3 });
    const cut = gone[gone.length - 1]!;
    expect(report).toMatchObject({ removed: 7, through: cut.toString() });
    const checkpoints = await deps.db.auditCheckpoint.findMany({ where: { throughId: { gt: 0n } }, orderBy: { id: 'asc' } });
    expect(checkpoints.map((c) => [c.throughId, c.removed])).toEqual([[gone[2], 3], [gone[5], 3], [cut, 1]]);
    expect(checkpoints[2]!.hash).toBe(report.hash);
    // The pending entry whose outcome came later stays, and so does what followed it.
    expect((await deps.db.auditEntry.findMany({ where: { id: { in: [slow, olderAfter, recent] } } })).length).toBe(3);

    const verdict = await verifyAuditChain(deps);
    expect(verdict).toMatchObject({ intact: true, from: cut.toString() });
    expect(verdict.summary).toMatch(new RegExp(`from the checkpoint after entry ${cut}`));
    const [audit] = await auditLines(deps.db, { action: 'audit.retention' });
    expect(audit).toMatchObject({ result: 'succeeded', actorName: 'wharf', message: `Removed 7 entries through entry ${cut}; hash at the cut ${report.hash}.` });
    expect(await pruneAuditLog(deps)).toEqual({ removed: 0, through: null, hash: null });

    // An administrator changes the setting: audited, applied at once (the pending entry goes
    // now that its outcome is old enough too).
    const changed = await changeAuditRetention(deps, admin.actor, { days: 1 });
    expect(changed.pruned.removed).toBe(4);
    expect(await auditLines(deps.db, { action: 'audit.retention.change' })).toMatchObject([{ result: 'succeeded', targetName: 'keep entries for 1 day' }]);
    expect((await verifyAuditChain(deps)).intact).toBe(true);

    // An entry after the cut edited behind Wharf's back is still named.
    const first = await deps.db.auditEntry.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await editBehindWharf(sql, `UPDATE "AuditEntry" SET "actorName" = 'b' WHERE "id" = ${first.id}`);
    expect(await verifyAuditChain(deps)).toMatchObject({ intact: false, brokenAt: first.id.toString() });
  });
});

describe('a failed audit write stops the operation (case 30)', () => {
  const lab = labState();
  const l1 = lab.hosts[0]!;
  const engine = new Dockerode({ socketPath: l1.socket });
  let ctx: Awaited<ReturnType<typeof database>>;
  let hostId: string;
  let containerId: string;
  const refuseAuditWrites = () =>
    ctx.sql(`CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit writes refused by the test'; END $$;
             CREATE TRIGGER "AAA_test_refuse" BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
  const allowAuditWrites = () => ctx.sql(`DROP TRIGGER IF EXISTS "AAA_test_refuse" ON "AuditEntry"`);

  beforeAll(async () => {
    await removeTestContainers(engine, 'audit');
    ctx = await database('audit_refused');
    hostId = (await registerHost(ctx.deps, ctx.admin.actor, registerHostSchema.parse({ name: l1.name, transport: 'unix', socketPath: l1.socket }))).id;
    const container = await engine.createContainer({ Image: lab.image, name: `wharf-audit-${randomBytes(3).toString('hex')}`, Cmd: ['sleep', '600'], Labels: { 'wharf.test': 'audit' }, StopTimeout: 1 });
    await container.start();
    containerId = container.id;
  }, 60_000);

  afterAll(async () => {
    await allowAuditWrites();
    await removeTestContainers(engine, 'audit');
  });

  it('a mutation through audited() does not happen, and the user is told why', async () => {
    const { deps, admin } = ctx;
    const viewer = await seedUser(deps.db, 'viewer');
    await refuseAuditWrites();
    try {
      await expect(createUser(deps, admin.actor, { username: 'dave', password, role: 'viewer' })).rejects.toMatchObject({ code: 'INTERNAL', message: AUDIT_WRITE_REFUSED });
      await expect(changeUserRole(deps, admin.actor, viewer.id, 'admin')).rejects.toMatchObject({ message: AUDIT_WRITE_REFUSED });
    } finally {
      await allowAuditWrites();
    }
    expect(await deps.db.user.count({ where: { username: 'dave' } })).toBe(0);
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe('viewer');
    expect((await verifyAuditChain(deps)).intact).toBe(true);
  });

  it('a terminal in a container does not start when its start cannot be recorded', async () => {
    const { deps, admin } = ctx;
    const events = { onData: () => {}, onExit: () => {} };
    const input = { hostId, containerId, argv: ['sh'], cols: 80, rows: 24 };
    await refuseAuditWrites();
    try {
      await expect(openExecSession(deps, admin.actor, input, events)).rejects.toMatchObject({ message: AUDIT_WRITE_REFUSED });
    } finally {
      await allowAuditWrites();
    }
    expect((await engine.getContainer(containerId).inspect()).ExecIDs ?? []).toEqual([]);
    // The same request with the audit log writable opens one.
    const session = await openExecSession(deps, admin.actor, input, events);
    expect((await engine.getContainer(containerId).inspect()).ExecIDs).toHaveLength(1);
    await session.close('Closed by the test.');
  });

  it('an SSH session does not start (no connection is even made) when its start cannot be recorded', async () => {
    const { deps, admin } = ctx;
    let connections = 0;
    const sshd = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => sshd.listen(0, '127.0.0.1', r));
    const port = (sshd.address() as net.AddressInfo).port;
    try {
      const id = newId();
      const privateKey = readPem(lab.ssh.privateKey);
      await deps.db.host.create({
        data: {
          id,
          name: 'audit-ssh',
          transport: 'ssh',
          address: `root@127.0.0.1:${port}`,
          secretsSealed: sealSecrets(deps.keyring, id, { transport: 'ssh', host: '127.0.0.1', port, username: 'root', ssh: { privateKey }, hostKey: lab.ssh.hostKeyFingerprint }),
          sshHostKey: lab.ssh.hostKeyFingerprint,
          driver: 'generic',
          machine: { address: '127.0.0.1', sshUser: 'root', sshPort: port, sshHostKey: lab.ssh.hostKeyFingerprint },
          machineSealed: seal(deps.keyring, JSON.stringify({ privateKey }), machineSecretContext(id)),
        },
      });
      const sshDeps = { ...deps, drivers: createProvisionDrivers({ db: deps.db, keyring: deps.keyring }) };
      const events = { onData: () => {}, onExit: () => {} };
      await refuseAuditWrites();
      try {
        await expect(openHostSshSession(sshDeps, admin.actor, { hostId: id, cols: 80, rows: 24 }, events, { timeoutMs: 3000 })).rejects.toMatchObject({ message: AUDIT_WRITE_REFUSED });
      } finally {
        await allowAuditWrites();
      }
      expect(connections).toBe(0);
      // With the log writable, the attempt reaches the machine (and fails there: this is no sshd).
      await expect(openHostSshSession(sshDeps, admin.actor, { hostId: id, cols: 80, rows: 24 }, events, { timeoutMs: 3000 })).rejects.toThrow();
      expect(connections).toBeGreaterThan(0);
      expect(await auditLines(deps.db, { action: 'host.ssh.start' })).toMatchObject([{ result: 'failed', targetId: id }]);
    } finally {
      sshd.close();
    }
  });
});
