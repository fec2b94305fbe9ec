// Cancelling a provisioning run from a replica that is not running it (issue 16), on real Postgres:
// two replicas in this process, each with its own change feed joined by a change relay (LISTEN/
// NOTIFY) and its own runner. The replica running the run is asked over the relay and cancels it,
// so the cancel ends the run where it runs; a run whose replica stopped beating is marked
// interrupted instead. The run waits for SSH on an address nobody answers, so it is under way
// until cancelled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed } from '@/lib/events/change-feed.ts';
import { ChangeRelay } from '@/lib/events/change-relay.ts';
import { log } from '@/lib/observability/logger.ts';
import { ReplicaPresence } from '@/lib/runtime/replica-presence.ts';
import { cancelProvision } from '@/lib/services/hosts/provision/control-provision.ts';
import { ProvisionRunner } from '@/lib/services/hosts/provision/provision-runner.ts';
import { readProvisionJob } from '@/lib/services/hosts/provision/read-provision-jobs.ts';
import { startProvision } from '@/lib/services/hosts/provision/start-provision.ts';
import { createTestDeps, labState, seedUser, type TestDeps } from '../support/integration.ts';
import { labMachine } from '../support/provisioning.ts';
import { waitFor } from '../support/wait-for.ts';

type Replica = TestDeps & { provisioner: ProvisionRunner; dataDir: string; relay: ChangeRelay; presence: ReplicaPresence };

const lab = labState();
let base: TestDeps;
let a: Replica;
let b: Replica;
let admin: Awaited<ReturnType<typeof seedUser>>;

async function replica(name: string): Promise<Replica> {
  const changes = new ChangeFeed();
  const presence = new ReplicaPresence({ db: base.db, log: log('test') });
  await presence.start();
  const relay = new ChangeRelay({ databaseUrl: base.databaseUrl, replicaId: presence.id, changes, log: log('test') });
  await relay.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), `wharf-cancel-${name}-`));
  const provisioner = new ProvisionRunner({ db: base.db, keyring: base.keyring, changes, dataDir }, base.drivers, presence.id);
  return { ...base, changes, provisioner, dataDir, relay, presence };
}

async function stop(r: Replica | undefined): Promise<void> {
  if (!r) return;
  await r.provisioner.close();
  await r.relay.stop();
  await r.presence.stop();
  rmSync(r.dataDir, { recursive: true, force: true });
}

/** A generic run to an address no SSH server answers: it waits at "Waiting for SSH" until stopped. */
async function runWaitingForSsh(on: Replica, name: string): Promise<string> {
  const m1 = labMachine(lab, 'lab-m1');
  const { jobId } = await startProvision(on, admin.actor, { driver: 'generic', name, description: '', address: '10.99.0.97', port: 22, username: 'root', privateKey: m1.privateKeyPem });
  await waitFor(async () => (await readProvisionJob(on, jobId)).steps.find((s) => s.key === 'wait-ssh')?.status === 'running' || null, { timeoutMs: 20_000, what: 'the run waiting for SSH' });
  return jobId;
}

beforeAll(async () => {
  base = await createTestDeps('replica_cancel');
  admin = await seedUser(base.db, 'admin');
  a = await replica('a');
  b = await replica('b');
});

afterAll(async () => {
  await stop(a);
  await stop(b);
  await base?.close();
});

describe('cancelling a run on another replica', () => {
  it('the replica running it is asked over the relay and cancels it; the run ends cancelled by the user, not interrupted', { timeout: 60_000 }, async () => {
    const jobId = await runWaitingForSsh(b, 'cancel-across');
    expect((await base.db.provisionJob.findUniqueOrThrow({ where: { id: jobId } })).replicaId).toBe(b.presence.id);
    expect(a.provisioner.isRunning(jobId)).toBe(false);

    await cancelProvision(a, admin.actor, { jobId });

    const job = await readProvisionJob(a, jobId);
    expect(job.status).toBe('cancelled');
    expect(job.error).toMatch(new RegExp(`Cancelled by ${admin.username}`));
    expect(job.steps.find((s) => s.key === 'wait-ssh')?.status).toBe('cancelled');
    expect(b.provisioner.isRunning(jobId)).toBe(false);
  });

  it('a run whose replica stopped beating is marked interrupted, with why', { timeout: 60_000 }, async () => {
    const jobId = await runWaitingForSsh(b, 'cancel-dead');
    // Replica b "dies": its heartbeat row goes (as a sweep removes a stale one) and it no longer hears the relay.
    await b.relay.stop();
    await base.db.replica.deleteMany({ where: { id: b.presence.id } });
    await b.presence.stop();

    await cancelProvision(a, admin.actor, { jobId });

    const job = await readProvisionJob(a, jobId);
    expect(job.status).toBe('interrupted');
    expect(job.error).toMatch(/console that ran this has stopped/);
  });
});
