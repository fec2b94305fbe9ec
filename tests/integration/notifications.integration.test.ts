// Outbound notifications on real Postgres, a real swarm of the lab and a real HTTP receiver started
// here on 127.0.0.1 (issue 14; docs/security.md, "Outbound notifications"). The receiver is on the
// console's own machine, which an administrator may reach because they hold host.local, the same
// rule that lets them add the lab registry; someone without it is refused. A deploy raises a
// delivery the job queue's worker sends signed; a receiver answering 500 is tried again and then marked failed
// while the deploy itself succeeded; a container that dies raises one too; metadata addresses are
// refused when saved and when sent to; neither the URL (its token) nor the secret ever comes back.
import Dockerode from 'dockerode';
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelSchema, ruleSchema, updateChannelSchema } from '@/lib/schemas/notifications.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { makeKeyring } from '@/lib/crypto/secret-box.ts';
import { openChannel } from '@/lib/services/notifications/channel-rows.ts';
import { listNotifications } from '@/lib/services/notifications/list-notifications.ts';
import { resealSecrets } from '@/lib/services/secrets/reseal-secrets.ts';
import { createChannel, testChannel, updateChannel } from '@/lib/services/notifications/manage-channels.ts';
import { addRule } from '@/lib/services/notifications/manage-rules.ts';
import { raiseFromInventory } from '@/lib/services/notifications/raise-from-inventory.ts';
import { sendNotification } from '@/lib/services/notifications/send-notification.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { verifyAuditChain } from '@/lib/services/audit/verify-audit-chain.ts';
import { updateNotices } from '@/lib/models/notifications/update-notices.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { raiseNotification } from '@/lib/services/notifications/raise-notification.ts';
import { checkSwarmServices } from '@/lib/services/registries/check-workload-updates.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, seedUser, type TestDeps } from '../support/integration.ts';
import { oneManagerSwarm, refusal } from '../support/security-lab.ts';
import { leaveAllSwarms } from '../support/swarm-lab.ts';

const lab = labState();
const [l1] = lab.hosts;
const docker = new Dockerode({ socketPath: l1.socket });
const run = randomBytes(3).toString('hex');
let deps: TestDeps;
let admin: Awaited<ReturnType<typeof seedUser>>;
let operator: Awaited<ReturnType<typeof seedUser>>;
let swarmId: string;
let hostId: string;
let inventory: Inventory;
let stopRaising: () => void;

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
/** What the receiver answers, by path. */
const answers = new Map<string, number>();
let receiver: http.Server;
let base: string;

const file = (image: string) => `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n`;
const forPath = (path: string) => received.filter((r) => r.path === path);

/** Waits until `done` holds: the outbox is sent by the test deps' job queue, whose worker takes each delivery as it is raised. */
async function sendUntil(done: () => Promise<boolean>): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await done())) throw new Error('not yet');
    },
    { timeout: 60_000, interval: 50 },
  );
}

const deliveriesOf = (channelId: string) => deps.db.notificationDelivery.findMany({ where: { channelId }, orderBy: { createdAt: 'asc' } });

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.get(req.url ?? '') ?? 200;
      // A DingTalk robot answers 200 with errcode 0 when it took the message.
      if (req.url?.startsWith('/robot/')) res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      else res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver broke');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // Failed deliveries are tried again within milliseconds, three times at most.
  deps = await createTestDeps('notifications', { notifications: { maxAttempts: 3, backoff: { baseMs: 1, maxMs: 4 } } });
  admin = await seedUser(deps.db, 'admin');
  operator = await seedUser(deps.db, 'operator');
  ({ swarmId, hostId, inventory } = await oneManagerSwarm(deps, admin.actor, l1, [l1.socket]));
  stopRaising = raiseFromInventory(deps, inventory);
}, 120_000);

afterAll(async () => {
  stopRaising?.();
  inventory?.stop();
  await leaveAllSwarms([l1.socket]);
  await docker.listContainers({ all: true, filters: { label: [`wharf.test=notifications-${run}`] } }).then((list) => Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true }))));
  await deps?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
}, 120_000);

describe('deliveries', () => {
  it('a deploy on the lab swarm produces a signed delivery whose signature verifies', async () => {
    const saved = await createChannel(deps, admin.actor, channelSchema.parse({ name: `signed-${run}`, kind: 'webhook', url: `${base}/signed`, generateSecret: true }));
    expect(saved.generatedSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await addRule(deps, admin.actor, ruleSchema.parse({ channelId: saved.id, events: ['deploy.finished', 'deploy.failed'], scope: 'stack', swarmId, stackName: 'notified' }));

    const deployed = await deployStack(deps, admin.actor, { swarmId, stackName: 'notified', composeText: file(lab.image), variables: {}, files: {} });
    expect(deployed.revision).toBe(1);

    await sendUntil(async () => (await deliveriesOf(saved.id)).some((d) => d.status === 'delivered'));
    const [delivery] = await deliveriesOf(saved.id);
    expect(delivery).toMatchObject({ event: 'deploy.finished', status: 'delivered', attempts: 1, lastAnswer: 'HTTP 200: ok' });

    const [request] = forPath('/signed');
    const timestamp = String(request!.headers['x-wharf-timestamp']);
    expect(timestamp).toMatch(/^\d{10}$/);
    // Verified the way the README tells a receiver to: HMAC-SHA256 of "<timestamp>.<raw body>".
    const expected = `sha256=${createHmac('sha256', saved.generatedSecret!).update(`${timestamp}.${request!.body}`).digest('hex')}`;
    expect(request!.headers['x-wharf-signature']).toBe(expected);
    expect(request!.headers['x-wharf-event']).toBe('deploy.finished');
    expect(JSON.parse(request!.body)).toMatchObject({ source: 'wharf', event: 'deploy.finished', scope: { swarmId, swarmName: 'security', stackName: 'notified' } });
    expect(JSON.parse(request!.body).title).toContain('revision 1');
  });

  it('a receiver answering 500 is retried then marked failed, and the deploy itself succeeded', async () => {
    answers.set('/broken', 500);
    const saved = await createChannel(deps, admin.actor, channelSchema.parse({ name: `broken-${run}`, kind: 'webhook', url: `${base}/broken` }));
    await addRule(deps, admin.actor, ruleSchema.parse({ channelId: saved.id, events: ['deploy.finished'], scope: 'swarm', swarmId }));

    const deployed = await deployStack(deps, admin.actor, { swarmId, stackName: 'unheard', composeText: file(lab.image), variables: {}, files: {} });
    expect(deployed.created).toContain('service unheard_app');
    expect(await deps.db.stackRevision.findFirst({ where: { swarmId, stackName: 'unheard' }, select: { outcome: true } })).toEqual({ outcome: 'deployed' });

    await sendUntil(async () => (await deliveriesOf(saved.id)).some((d) => d.status !== 'pending'));
    const [delivery] = await deliveriesOf(saved.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3 });
    expect(delivery!.lastAnswer).toBe('HTTP 500: receiver broke (gave up after 3 attempts)');
    expect(forPath('/broken')).toHaveLength(3);
  });

  it('a container that dies on a host raises a delivery for that host', async () => {
    const saved = await createChannel(deps, admin.actor, channelSchema.parse({ name: `died-${run}`, kind: 'slack', url: `${base}/died` }));
    await addRule(deps, admin.actor, ruleSchema.parse({ channelId: saved.id, events: ['container.died'], scope: 'host', hostId }));
    const name = `wharf-dies-${run}`;
    const container = await docker.createContainer({ Image: lab.image, name, Cmd: ['sh', '-c', 'exit 3'], Labels: { 'wharf.test': `notifications-${run}` } });
    await container.start();
    const ours = () => forPath('/died').find((r) => r.body.includes(name));
    await sendUntil(async () => ours() !== undefined);
    const body = JSON.parse(ours()!.body) as { text: string; blocks: { text: { text: string } }[] };
    expect(body.text).toBe(`Wharf: Container died: Container ${name} died (exit code 3)`);
    expect(body.blocks[0]!.text.text).toContain(`Host ${l1.name}`);
  });

  it('the test button sends now, keeps the answer in the log, and says why when the endpoint refuses', async () => {
    answers.set('/refuses', 500);
    const good = await createChannel(deps, admin.actor, channelSchema.parse({ name: `tested-${run}`, kind: 'webhook', url: `${base}/tested` }));
    expect(await testChannel(deps, admin.actor, { channelId: good.id })).toEqual({ delivered: true, answer: 'HTTP 200: ok' });
    const bad = await createChannel(deps, admin.actor, channelSchema.parse({ name: `refuses-${run}`, kind: 'webhook', url: `${base}/refuses` }));
    const error = await refusal(testChannel(deps, admin.actor, { channelId: bad.id }));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toBe('The test was not delivered: HTTP 500: receiver broke');
    expect((await deliveriesOf(good.id)).map((d) => d.status)).toEqual(['delivered']);
    expect((await deliveriesOf(bad.id)).map((d) => [d.status, d.attempts])).toEqual([['failed', 1]]);
  });
});

describe('where a channel may send (SSRF)', () => {
  const nothingSaved = async (name: string) => expect(await deps.db.notificationChannel.findUnique({ where: { name } })).toBeNull();

  it('a channel to a metadata address is refused at save, by literal address and by the address a name resolves to', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://[::ffff:169.254.169.254]/']) {
      const error = await refusal(createChannel(deps, admin.actor, channelSchema.parse({ name: `metadata-${run}`, kind: 'webhook', url })));
      expect(error.code).toBe('FORBIDDEN');
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(['url']);
      await nothingSaved(`metadata-${run}`);
    }
    const byName = await refusal(createChannel(deps, admin.actor, channelSchema.parse({ name: `rebound-${run}`, kind: 'slack', url: 'https://hooks.internal/x' }), async () => ['169.254.169.254']));
    expect(byName.message).toBe('Wharf does not send notifications to hooks.internal (169.254.169.254): it is a link-local address, where cloud metadata services answer.');
    await nothingSaved(`rebound-${run}`);
    // An edit that moves a channel there is refused the same way.
    const saved = await createChannel(deps, admin.actor, channelSchema.parse({ name: `moved-${run}`, kind: 'webhook', url: `${base}/moved` }));
    const moved = await refusal(updateChannel(deps, admin.actor, updateChannelSchema.parse({ channelId: saved.id, name: `moved-${run}`, kind: 'webhook', url: 'http://169.254.169.254/' })));
    expect(moved.code).toBe('FORBIDDEN');
  });

  it("the console's own machine needs host.local", async () => {
    const error = await refusal(createChannel(deps, operator.actor, channelSchema.parse({ name: `local-${run}`, kind: 'webhook', url: `${base}/local` })));
    expect(error.code).toBe('FORBIDDEN');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['url']);
    await nothingSaved(`local-${run}`);
  });

  it('a metadata address is never connected to when sending either', async () => {
    const verdict = await sendNotification({ id: 'x', name: 'x', kind: 'webhook', url: 'http://169.254.169.254/latest/meta-data/', urlHint: 'http://169.254.169.254/…', secret: null }, { event: 'deploy.finished', at: new Date().toISOString(), title: 't', text: '', scope: {} });
    expect(verdict.delivered).toBe(false);
    expect(verdict.answer).toContain('Wharf does not connect to 169.254.169.254');
  });
});

describe('secrets', () => {
  it('the URL (its token) and the signing secret never come back from the services the actions and the page call, nor go into the audit log; the database holds ciphertext', async () => {
    const token = `tok${randomBytes(12).toString('hex')}`;
    const secret = `SEC${randomBytes(12).toString('hex')}`;
    const saved = await createChannel(deps, admin.actor, channelSchema.parse({ name: `ding-${run}`, kind: 'dingtalk', url: `${base}/robot/send?access_token=${token}`, secret }));
    expect(saved).toEqual({ id: saved.id, name: `ding-${run}`, generatedSecret: null });
    const edited = await updateChannel(deps, admin.actor, updateChannelSchema.parse({ channelId: saved.id, name: `ding-${run}`, kind: 'dingtalk' }));
    expect(edited.generatedSecret).toBeNull();
    const view = JSON.stringify(await listNotifications(deps));
    expect(view).toContain(`ding-${run}`);
    expect(view).toContain(`${base}/…`);
    for (const hidden of [token, secret]) {
      expect(view).not.toContain(hidden);
      expect(JSON.stringify(saved) + JSON.stringify(edited)).not.toContain(hidden);
      const audit = await deps.db.auditEntry.findMany({ where: { targetId: saved.id } });
      expect(audit.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(hidden);
      const row = await deps.db.notificationChannel.findUniqueOrThrow({ where: { id: saved.id } });
      expect(JSON.stringify(row)).not.toContain(hidden);
    }
    // The kept secret still signs, as DingTalk checks it.
    await testChannel(deps, admin.actor, { channelId: saved.id });
    const [request] = received.filter((r) => r.path.startsWith('/robot/send'));
    const url = new URL(request!.path, base);
    expect(url.searchParams.get('access_token')).toBe(token);
    const ms = url.searchParams.get('timestamp')!;
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', secret).update(`${ms}\n${secret}`).digest('base64'));

    // Key rotation reseals both, and they still open.
    const rotated = makeKeyring(randomBytes(32), [deps.keyring.current.key]);
    await resealSecrets(deps.db, rotated);
    const row = await deps.db.notificationChannel.findUniqueOrThrow({ where: { id: saved.id } });
    expect(openChannel(rotated, row)).toMatchObject({ url: `${base}/robot/send?access_token=${token}`, secret });
    expect(openChannel(makeKeyring(rotated.current.key), row).secret).toBe(secret);
  });
});

describe('the audit chain', () => {
  it('a broken audit chain is sent once per broken entry, however often it is checked', async () => {
    // A database of its own: its audit log is edited behind Wharf's back.
    const chain = await createTestDeps('notifications_chain');
    try {
      const chief = await seedUser(chain.db, 'admin');
      const saved = await createChannel(chain, chief.actor, channelSchema.parse({ name: `chain-${run}`, kind: 'webhook', url: `${base}/chain` }));
      await addRule(chain, chief.actor, ruleSchema.parse({ channelId: saved.id, events: ['audit.chain-broken'] }));
      expect((await verifyAuditChain(chain)).intact).toBe(true);
      const client = new pg.Client({ connectionString: chain.databaseUrl });
      await client.connect();
      try {
        await client.query(`BEGIN; SET LOCAL session_replication_role = replica; UPDATE "AuditEntry" SET "message" = 'nothing to see' WHERE "id" = (SELECT max("id") FROM "AuditEntry"); COMMIT;`);
      } finally {
        await client.end();
      }
      const first = await verifyAuditChain(chain);
      expect(first.intact).toBe(false);
      await verifyAuditChain(chain);
      const rows = await chain.db.notificationDelivery.findMany({ where: { channelId: saved.id } });
      expect(rows.map((r) => [r.event, r.dedupeKey])).toEqual([['audit.chain-broken', `audit.chain-broken:${first.brokenAt}`]]);
      await sendUntil(async () => forPath('/chain').length > 0);
      expect(JSON.parse(forPath('/chain')[0]!.body)).toMatchObject({ event: 'audit.chain-broken', title: `The audit chain is broken at entry ${first.brokenAt}` });
    } finally {
      await chain.close();
    }
  });
});

describe('update available', () => {
  /** A service of the lab swarm pinned to `digest` of `repository`:1 in the lab registry. */
  async function pinnedService(name: string, repository: string, digest: string): Promise<string> {
    const image = `${lab.registry.url}/${repository}:1@${digest}`;
    const created = await docker.createService({
      Name: name,
      Labels: { 'com.docker.stack.namespace': 'updates', 'wharf.test': `notifications-${run}` },
      TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'] } },
      Mode: { Replicated: { Replicas: 0 } },
    });
    return String(created.id);
  }

  it('a check that finds a new digest for a running service raises it once per service and digest, to the rules that chose it', async () => {
    const reg = basicRegistry(lab.registry);
    await addRegistry(deps, admin.actor, registryFormSchema.parse({ name: `updates-${run}`, kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password }));
    const chosen = await createChannel(deps, admin.actor, channelSchema.parse({ name: `updates-${run}`, kind: 'webhook', url: `${base}/updates` }));
    await addRule(deps, admin.actor, ruleSchema.parse({ channelId: chosen.id, events: ['update.available'], scope: 'swarm', swarmId }));
    const other = await createChannel(deps, admin.actor, channelSchema.parse({ name: `no-updates-${run}`, kind: 'webhook', url: `${base}/no-updates` }));
    await addRule(deps, admin.actor, ruleSchema.parse({ channelId: other.id, events: ['deploy.failed'], scope: 'swarm', swarmId }));

    const first = `notify/upd-a-${run}`;
    const old = await pushLabImage(lab, reg, first, '1', `old-${run}`);
    const serviceA = await pinnedService(`upd-a-${run}`, first, old);
    const newer = await pushLabImage(lab, reg, first, '1', `new-${run}`);
    expect(newer).not.toBe(old);

    const judged = await checkSwarmServices(deps, admin.actor, { swarmId });
    expect(judged[serviceA]).toMatchObject({ state: 'available', running: old, latest: newer });
    await vi.waitFor(async () => expect(await deliveriesOf(chosen.id)).toHaveLength(1), { timeout: 30_000, interval: 50 });
    const [delivery] = await deliveriesOf(chosen.id);
    expect(delivery).toMatchObject({ event: 'update.available', dedupeKey: `update.available:service:${serviceA}:${newer}` });
    expect(delivery!.payload).toMatchObject({ title: `Update available for service upd-a-${run}: ${lab.registry.url}/${first}:1@${old}`, scope: { swarmId, stackName: 'updates' } });

    // Checked again (the lists ask on every visit), with a second service that has an update of its
    // own: the second is raised, the first is not raised again.
    const second = `notify/upd-b-${run}`;
    const oldB = await pushLabImage(lab, reg, second, '1', `old-b-${run}`);
    const serviceB = await pinnedService(`upd-b-${run}`, second, oldB);
    const newerB = await pushLabImage(lab, reg, second, '1', `new-b-${run}`);
    await checkSwarmServices(deps, admin.actor, { swarmId });
    await vi.waitFor(async () => expect((await deliveriesOf(chosen.id)).map((d) => d.dedupeKey)).toContain(`update.available:service:${serviceB}:${newerB}`), { timeout: 30_000, interval: 50 });
    expect((await deliveriesOf(chosen.id)).filter((d) => d.dedupeKey?.includes(serviceA))).toHaveLength(1);
    // The same (object, digest) raised again writes nothing, however it comes.
    const [again] = updateNotices([{ kind: 'service', id: serviceA, name: `upd-a-${run}`, scope: { swarmId } }], judged, new Date().toISOString());
    expect(await raiseNotification(deps, again!.event, { dedupeKey: again!.dedupeKey })).toBe(0);
    // A channel whose rules did not choose the event hears nothing of it.
    expect(await deliveriesOf(other.id)).toEqual([]);

    await sendUntil(async () => forPath('/updates').length >= 2);
    expect(forPath('/updates').map((r) => r.headers['x-wharf-event'])).toEqual(['update.available', 'update.available']);
  });
});
