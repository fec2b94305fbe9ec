// Stack deploys through the job queue across replicas (issue 16), on real Postgres and a lab swarm:
// two replicas in this process, each with its own heartbeat and its own pg-boss worker on the same
// database. A deploy asked of one is run by the other, written once as a revision and audited once;
// a job delivered twice deploys once; a deploy whose replica dies is marked interrupted at its step
// exactly once, the waiting caller is told so in its language, and deploying again finishes; the
// worker checks the actor's current grants again and refuses one whose grant was removed.
import Dockerode from 'dockerode';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import { type JobQueue } from '@/lib/jobs/job-queue.ts';
import { liveReplicaIds } from '@/lib/db/replica-liveness.ts';
import type { ReplicaPresence } from '@/lib/runtime/replica-presence.ts';
import { startQueueReplica, stopQueueReplica } from '../support/queue-replicas.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { defineDeployQueue, type DeployQueue } from '@/lib/services/stacks/deploy-queue.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { markInterruptedDeploys } from '@/lib/services/stacks/mark-interrupted-deploys.ts';
import { removeStack } from '@/lib/services/stacks/remove-stack.ts';
import { readStackDeploy } from '@/lib/services/stacks/read-stack-deploy.ts';
import { runStackDeploy } from '@/lib/services/stacks/run-stack-deploy.ts';
import { awaitStackDeploy, startStackDeploy } from '@/lib/services/stacks/start-stack-deploy.ts';
import { labState, seedUser, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

type Replica = TestDeps & { deploys: DeployQueue; jobs: JobQueue; presence: ReplicaPresence };

const lab = labState();
const [l1] = lab.hosts;
const docker = new Dockerode({ socketPath: l1.socket });
/** The lab's engines hold this image (no registry is reached). */
const IMAGE = 'local/busybox:latest';
let base: TestDeps;
let inventory: Inventory;
let admin: Actor;
let operator: Actor;
let swarmId: string;
let a: Replica;
let b: Replica;

const composeOf = (replicas: number, secret = 'one') => `services:
  app:
    image: ${IMAGE}
    command: ["sleep", "3600"]
    deploy:
      replicas: ${replicas}
    secrets: [token]
secrets:
  token:
    file: ./token-${secret}.txt
`;
const inputOf = (stackName: string, replicas: number, secret = 'one') => ({ swarmId, stackName, composeText: composeOf(replicas, secret), variables: {}, files: { [`token-${secret}.txt`]: `s3cret-${secret}` } });

async function replica(work: boolean): Promise<Replica> {
  const { jobs, presence, queues } = await startQueueReplica(base, work, (jobs) => defineDeployQueue({ db: base.db, engines: base.engines, keyring: base.keyring }, jobs));
  return { ...base, deploys: queues, jobs, presence };
}

const stop = stopQueueReplica;

const servicesOf = async (stackName: string) => (await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stackName}`] }) })) as unknown as { Spec: { Name: string; Mode: { Replicated?: { Replicas: number } } } }[];
const auditsOf = (stackName: string, result: string) => base.db.auditEntry.count({ where: { action: 'stack.deploy', targetId: `${swarmId}/${stackName}`, result } });

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected the deploy to fail').toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  await leaveAllSwarms([l1.socket]);
  ({ deps: base, inventory, admin, operator, swarmId } = await swarmTestBed('deploy_queue', 'deployq', [l1]));
  // Replica a only sends deploys; b runs them: what a asks for is then b's work, never its own.
  a = await replica(false);
  b = await replica(true);
}, 180_000);

afterAll(async () => {
  await stop(a);
  await stop(b);
  for (const stackName of ['queued', 'halted', 'revoked']) await removeStack(base, admin, { swarmId, stackName, confirmName: stackName }).catch(() => undefined);
  inventory?.stop();
  await leaveAllSwarms([l1.socket]);
  await base?.close();
}, 180_000);

describe('a deploy asked of one replica', () => {
  it('is run by another: the stack lands, one revision, one audit, its row done with the revision; a second delivery deploys nothing', { timeout: 120_000 }, async () => {
    const result = await deployStack(a, operator, inputOf('queued', 1));
    expect(result).toMatchObject({ revision: 1, removed: [] });
    expect(result.created).toEqual(expect.arrayContaining(['secret queued_token', 'network queued_default', 'service queued_app']));
    expect((await servicesOf('queued')).map((s) => s.Spec.Name)).toEqual(['queued_app']);

    const row = await base.db.stackDeploy.findFirstOrThrow({ where: { swarmId, stackName: 'queued' } });
    expect(row).toMatchObject({ status: 'done', step: 'recording', replicaId: b.presence.id, revision: 1, actorId: operator.id, actorName: operator.username, message: null });
    // The inputs are sealed in the row: the secret file's content is not readable there.
    expect(row.inputsSealed).not.toMatch(/s3cret/);
    expect(JSON.stringify(row)).not.toMatch(/s3cret-one/);
    expect(await base.db.stackRevision.count({ where: { swarmId, stackName: 'queued' } })).toBe(1);
    expect(await auditsOf('queued', 'succeeded')).toBe(1);

    // The queue delivers a job again when its worker vanished before claiming: the claim holds, nothing runs twice.
    await runStackDeploy(a, { deployId: row.id, replicaId: a.presence.id });
    await runStackDeploy(b, { deployId: row.id, replicaId: b.presence.id });
    expect(await base.db.stackDeploy.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    expect(await base.db.stackRevision.count({ where: { swarmId, stackName: 'queued' } })).toBe(1);
    expect(await auditsOf('queued', 'succeeded')).toBe(1);
  });

  it('ends with the error the deploy met, as the door would have answered it', { timeout: 60_000 }, async () => {
    const broken = await failure(deployStack(a, operator, { swarmId, stackName: 'queued', composeText: 'services:\n  app:\n    image: [', variables: {}, files: {} }));
    expect(broken.code).toBe('INVALID_INPUT');
    expect(toErrorPayload(broken, 'en').message).toMatch(/./);
    const row = await base.db.stackDeploy.findFirstOrThrow({ where: { swarmId, stackName: 'queued', status: 'failed' } });
    expect(row.revision).toBeNull();
  });
});

describe('a deploy whose replica dies', () => {
  it('is marked interrupted at its step exactly once, said in both languages; deploying again finishes', { timeout: 180_000 }, async () => {
    const c = await replica(true);
    let dead: Replica | undefined;
    // Hold every revision insert (reads go on): the deploy changes the swarm, then waits to record its revision.
    const holder = new pg.Client({ connectionString: base.databaseUrl });
    await holder.connect();
    let held = true;
    const release = async () => {
      if (!held) return;
      held = false;
      await holder.query('COMMIT');
    };
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE "StackRevision" IN SHARE MODE');
      const deployId = await startStackDeploy(a, operator, inputOf('halted', 2));
      const running = await waitFor(async () => {
        const row = await base.db.stackDeploy.findUniqueOrThrow({ where: { id: deployId } });
        return row.status === 'running' && row.step === 'recording' ? row : null;
      }, { timeoutMs: 60_000, what: 'the deploy to reach its revision' });
      // The swarm was changed; nothing yet says so but the deploy's row.
      expect((await servicesOf('halted')).map((s) => s.Spec.Name)).toEqual(['halted_app']);
      expect(running.revision).toBe(1);
      // The stack page says it is under way, and where.
      expect(await readStackDeploy(a, swarmId, 'halted')).toEqual({ state: 'running', step: 'recording', text: 'recording the revision', revision: 1 });
      const runner = [b, c].find((r) => r.presence.id === running.replicaId)!;
      expect(runner).toBeDefined();
      dead = runner;
      // The replica running it "dies": its heartbeat row goes and it takes no more jobs (its deploy is still under way, as in a network split).
      await stopQueueReplica(runner);

      const live = await liveReplicaIds(base.db);
      expect(live).not.toContain(runner.presence.id);
      expect(await markInterruptedDeploys(a, live)).toBe(1);
      expect(await markInterruptedDeploys(a, live)).toBe(0);

      // The caller waiting on it is told where it stopped and what to do, in its language.
      const interrupted = await failure(awaitStackDeploy(a, deployId));
      expect(interrupted.code).toBe('CONFLICT');
      expect(toErrorPayload(interrupted, 'en').message).toBe('The deploy of stack halted was interrupted while recording the revision: the console running it stopped. Deploy again to finish.');
      expect(toErrorPayload(interrupted, 'zh-CN').message).toMatch(/堆栈 halted 的部署在记录修订版本时中断/);
      const marked = await base.db.stackDeploy.findUniqueOrThrow({ where: { id: deployId } });
      expect(marked).toMatchObject({ status: 'interrupted', step: 'recording', replicaId: runner.presence.id });
      expect(marked.finishedAt).not.toBeNull();
      // And the stack page says where it stopped and what to do.
      expect(await readStackDeploy(a, swarmId, 'halted')).toMatchObject({ state: 'interrupted', step: 'recording', text: toErrorPayload(interrupted, 'en').message });
      expect((await readStackDeploy(a, swarmId, 'halted', 'zh-CN'))?.text).toBe(toErrorPayload(interrupted, 'zh-CN').message);

      // The dead replica's deploy now ends; its last write is refused, the row stays as marked.
      await release();
      await waitFor(() => runner.deploys.runningCount === 0 || null, { timeoutMs: 60_000, what: 'the dead replica’s deploy to end' });
      expect(await base.db.stackDeploy.findUniqueOrThrow({ where: { id: deployId } })).toEqual(marked);

      // Deploying again converges (the live replica runs it) and is recorded as the next revision.
      const again = await deployStack(a, operator, inputOf('halted', 3));
      expect(again.revision).toBe((marked.revision ?? 0) + 1);
      expect(again.updated).toContain('service halted_app');
      expect((await servicesOf('halted'))[0].Spec.Mode.Replicated?.Replicas).toBe(3);
      const ended = await base.db.stackDeploy.findFirstOrThrow({ where: { swarmId, stackName: 'halted', status: 'done' } });
      expect(ended.replicaId).not.toBe(runner.presence.id);
      // Once deployed again, the page has nothing to say about deploys.
      expect(await readStackDeploy(a, swarmId, 'halted')).toBeNull();
    } finally {
      await release().catch(() => {});
      await holder.end();
      // The live one of b and c runs the next test's deploys.
      if (dead === b) b = c;
      else await stop(c);
    }
  });
});

describe('the worker checks the actor again', () => {
  it('refuses, audited, a deploy whose user lost the grant after the door let it in; nothing changes on the swarm', { timeout: 60_000 }, async () => {
    const user = await seedUser(base.db, 'operator');
    // The door saw an operator (this actor); the user has since been made a viewer.
    await base.db.user.update({ where: { id: user.id }, data: { role: 'viewer', accessVersion: { increment: 1 } } });
    const refused = await failure(deployStack(a, user.actor, inputOf('revoked', 1)));
    expect(refused.code).toBe('FORBIDDEN');
    expect(await servicesOf('revoked')).toEqual([]);
    expect(await base.db.stackRevision.count({ where: { swarmId, stackName: 'revoked' } })).toBe(0);
    expect(await base.db.auditEntry.count({ where: { action: 'stack.deploy', actorId: user.id, result: 'denied' } })).toBe(1);
    const row = await base.db.stackDeploy.findFirstOrThrow({ where: { swarmId, stackName: 'revoked' } });
    expect(row).toMatchObject({ status: 'failed', revision: null });
  });
});
