// Cancelling, retrying and cleaning up a run. A retry continues from the step that did not
// succeed (every step is safe to repeat); a clean-up asks the driver to undo what the run made
// (a droplet, a sandbox) and records its log as a "Clean-up" step.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { LogLine } from '../drivers/step-io.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { open } from '@/lib/crypto/secret-box.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import { replicaIsLive } from '@/lib/db/replica-liveness.ts';
import { deleteAuthorityIfUnused, runAuthority, type StoredCa } from '../pki/host-authorities.ts';
import type { ProvisionContext } from './provision-context.ts';
import type { ProvisionDeps } from './provision-deps.ts';
import { DRIVER_ABILITIES, isActive, isStopped, type DriverName, type JobStatus } from '@/lib/models/hosts/provision-plan.ts';
import { jobSecretContext } from './provision-runner.ts';
import { runUnderWay } from './start-provision.ts';
import { appendToLog } from './step-log.ts';
import { storedError, storedText } from './stored-text.ts';

const notFound = () => new AppError('NOT_FOUND', msg('provisioning.errors.runNotFound'));

/** How long a cancel asked on one replica waits for the replica running the run to stop it. */
const CANCEL_WAIT_MS = 15_000;

/** Whether the run left queued/running within `ms` (read every 250 ms). */
async function runEnded(deps: ProvisionDeps, jobId: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    const row = await deps.db.provisionJob.findUnique({ where: { id: jobId }, select: { status: true } });
    if (!row || !isActive(row.status as JobStatus)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function readJob(deps: ProvisionDeps, jobId: string) {
  const job = await deps.db.provisionJob.findUnique({ where: { id: jobId } });
  if (!job) throw notFound();
  return job;
}

export async function cancelProvision(deps: ProvisionDeps, actor: Actor, input: { jobId: string }): Promise<void> {
  const job = await readJob(deps, input.jobId);
  await audited(deps.db, subjectOf(actor), 'host.provision.cancel', { type: 'provision-job', id: job.id, name: job.hostName }, async () => {
    if (!isActive(job.status as JobStatus)) throw new AppError('CONFLICT', msg(job.status === 'succeeded' ? 'provisioning.errors.alreadyFinished' : 'provisioning.errors.alreadyStopped'));
    const cancelled = await deps.provisioner.cancel(job.id, actor.username);
    if (cancelled) return;
    if (job.replicaId && job.replicaId !== deps.provisioner.replicaId && (await replicaIsLive(deps.db, job.replicaId))) {
      // Under way on another replica, which is alive: it is asked to cancel (over the change relay), and the end awaited.
      deps.changes.publish({ type: 'provision.cancel-requested', jobId: job.id, replicaId: job.replicaId, byName: actor.username });
      if (await runEnded(deps, job.id, CANCEL_WAIT_MS)) return;
      throw new AppError('PRECONDITION', msg('provisioning.errors.cancelNotAnswered', { seconds: CANCEL_WAIT_MS / 1000 }));
    }
    // Under way according to the database but on no live console: it was left by a stop.
    await deps.db.provisionJob.update({ where: { id: job.id }, data: { status: 'interrupted', error: storedText(msg('provisioning.errors.consoleGone')), finishedAt: new Date() } });
    deps.changes.publish({ type: 'provision.updated', jobId: job.id });
  });
}

export async function retryProvision(deps: ProvisionDeps, actor: Actor, input: { jobId: string }): Promise<void> {
  const job = await readJob(deps, input.jobId);
  await audited(deps.db, subjectOf(actor), 'host.provision.retry', { type: 'provision-job', id: job.id, name: job.hostName }, async () => {
    if (!isStopped(job.status as JobStatus)) throw new AppError('CONFLICT', msg('provisioning.errors.retryOnlyStopped'));
    if (job.cleanedAt) throw new AppError('CONFLICT', msg('provisioning.errors.retryCleaned'));
    await onUniqueViolation(
      () => deps.db.provisionJob.update({ where: { id: job.id }, data: { status: 'queued', replicaId: deps.provisioner.replicaId, error: null, failedStep: null, finishedAt: null } }),
      () => runUnderWay(job.hostName),
    );
    deps.changes.publish({ type: 'provision.updated', jobId: job.id });
    deps.provisioner.start(job.id);
  });
}

export async function cleanUpProvision(deps: ProvisionDeps, actor: Actor, input: { jobId: string }): Promise<void> {
  const job = await readJob(deps, input.jobId);
  const driver = job.driver as DriverName;
  await audited(deps.db, subjectOf(actor), 'host.provision.clean-up', { type: 'provision-job', id: job.id, name: job.hostName }, async () => {
    if (!isStopped(job.status as JobStatus)) throw new AppError('CONFLICT', msg('provisioning.errors.cleanUpOnlyStopped'));
    if (job.cleanedAt) throw new AppError('CONFLICT', msg('provisioning.errors.alreadyCleaned'));
    if (!DRIVER_ABILITIES[driver].deleteMachine) throw new AppError('PRECONDITION', msg('provisioning.errors.nothingToDelete'));
    const where = { jobId_key: { jobId: job.id, key: 'clean-up' } };
    await deps.db.provisionStep.upsert({
      where,
      create: { jobId: job.id, key: 'clean-up', position: 99, label: 'Clean-up', status: 'running', startedAt: new Date() },
      update: { status: 'running', startedAt: new Date(), error: null },
    });
    deps.changes.publish({ type: 'provision.updated', jobId: job.id });
    const lines: LogLine[] = [];
    let ca: Promise<StoredCa> | null = null;
    const ctx: ProvisionContext = {
      jobId: job.id,
      hostName: job.hostName,
      driver,
      options: job.options as Record<string, unknown>,
      secrets: job.secretsSealed ? JSON.parse(open(deps.keyring, job.secretsSealed, jobSecretContext(job.id))) : {},
      createdById: job.createdById,
      deps,
      machine: (job.machine as Record<string, unknown> | null) ?? {},
      live: new Map(),
      ca: () => (ca ??= runAuthority(deps, ctx)),
    };
    const controller = new AbortController();
    try {
      await deps.drivers[driver].cleanUp(ctx, { signal: controller.signal, log: (line) => lines.push(line) });
      // The CA made for the host this run never finished: nothing trusts it any more.
      if (typeof ctx.machine.caId === 'string' && (await deleteAuthorityIfUnused(deps, ctx.machine.caId, actor.username))) lines.push(msg('provisioning.log.deletedRunCa'));
      await deps.db.provisionStep.update({ where, data: { status: 'succeeded', log: appendToLog('', lines), finishedAt: new Date() } });
      await deps.db.provisionJob.update({ where: { id: job.id }, data: { cleanedAt: new Date(), machine: ctx.machine as Prisma.InputJsonValue } });
    } catch (error) {
      await deps.db.provisionStep.update({ where, data: { status: 'failed', log: appendToLog('', lines), error: storedError(error), finishedAt: new Date() } });
      throw error;
    } finally {
      for (const resource of ctx.live.values()) resource.close();
      deps.changes.publish({ type: 'provision.updated', jobId: job.id });
    }
  });
}
