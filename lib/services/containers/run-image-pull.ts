// Runs one queued image pull or push on the replica whose worker took it (pull-queue.ts): claims
// its row, asks the host's engine through the gateway with the credentials of the registry chosen
// when it was started (unsealed here, never stored with the job), folds the engine's stream into
// the row's progress (written at most every 500 ms, and at the end), and audits the work as the
// user who asked for it. A push's own steps are in run-image-push.ts; the running is shared here.
import 'server-only';
import type { ImagePull, Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, storedSaying, type Message } from '@/lib/i18n/message.ts';
import { audited, type AuditTarget } from '@/lib/audit/record-audit.ts';
import { engineAuthOf, type EngineAuth } from '@/lib/models/registries/engine-auth.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine, type HostEngine } from '../engine/index.ts';
import { registryLogin } from '../registries/registry-rows.ts';
import { pullFailure } from './pull-image.ts';
import { applyPullEvent, failProgress, finishProgress, startProgress, type PullProgress } from './pull-progress.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

const PULL_MS = 15 * 60_000;
/** At most one progress write per this many milliseconds while the engine streams. */
export const PROGRESS_WRITE_MS = 500;

const asJson = (progress: PullProgress) => progress as unknown as Prisma.InputJsonValue;

/** What one kind of image job does once its row is claimed. */
export type ImageWork = {
  kind: 'pull' | 'push';
  /** The audit entry's action and target. */
  audit(row: ImagePull): { action: string; target: AuditTarget };
  /** Runs the work on the engine, each line of its stream given to `onLine`; `progress()` is what was folded so far. */
  run(row: ImagePull, engine: HostEngine, auth: EngineAuth | null, onLine: (line: Record<string, unknown>) => void, progress: () => PullProgress): Promise<void>;
  /** Why it failed, as its reader will be told (a message kept as key and values, said in the reader's language). */
  failure(row: ImagePull, error: unknown, progress: PullProgress): Message | string;
};

/** Runs the job `pullId` of `work`'s kind here; does nothing when another worker has claimed it already. Resolves when it has ended. */
export async function runImageJob(deps: Deps, input: { pullId: string; replicaId: string }, work: ImageWork): Promise<void> {
  const { pullId, replicaId } = input;
  const claimed = await deps.db.imagePull.updateMany({ where: { id: pullId, kind: work.kind, status: 'queued' }, data: { status: 'running', replicaId, startedAt: new Date() } });
  if (claimed.count !== 1) return;
  const row = await deps.db.imagePull.findUniqueOrThrow({ where: { id: pullId } });
  // Written only while the row is still this replica's run: a sweep that marked it interrupted has the last word.
  const ours = { id: pullId, status: 'running', replicaId };
  let progress = startProgress();
  let written = 0;
  let writing: Promise<unknown> | null = null;
  const writeProgress = () => {
    if (writing || Date.now() - written < PROGRESS_WRITE_MS) return;
    written = Date.now();
    writing = deps.db.imagePull.updateMany({ where: ours, data: { progress: asJson(progress) } }).catch(() => {}).finally(() => (writing = null));
  };
  const end = async (last: PullProgress) => {
    await writing;
    await deps.db.imagePull.updateMany({ where: ours, data: { status: last.state === 'succeeded' ? 'succeeded' : 'failed', progress: asJson(last), error: last.error, finishedAt: new Date() } });
  };
  const subject = { id: row.requestedById, name: row.requestedByName, ip: row.requestedByIp };
  const { action, target } = work.audit(row);
  try {
    await audited(deps.db, subject, action, target, async () => {
      const [engine, auth] = await Promise.all([hostEngine(deps, row.hostId), registryAuth(deps, row.registryId)]);
      await work.run(row, engine, auth, (line) => {
        progress = applyPullEvent(progress, line);
        writeProgress();
      }, () => progress);
    });
    await end(finishProgress(progress));
  } catch (error) {
    // Kept as a message (key and values): said in its reader's language when read (readPullJob). It
    // replaces the engine's own words when the stream already failed (the explanation quotes them).
    const said = storedSaying(work.failure(row, error, progress));
    await end({ ...failProgress(progress, said), state: 'failed', error: said });
  }
}

const pullWork: ImageWork = {
  kind: 'pull',
  audit: (row) => ({ action: 'image.pull', target: { type: 'image', id: row.hostId, name: `${row.image} on ${row.hostName}` } }),
  run: (row, engine, auth, onLine, progress) =>
    engine.call(
      msg('guardText.doing.pull', { image: row.image }),
      async (api) => {
        await api.pullImage(row.image, onLine, auth ?? undefined);
        if (progress().state === 'failed') throw new AppError('ENGINE_ERROR', progress().error ?? msg('containers.errors.pullFailed'));
      },
      { ms: PULL_MS },
    ),
  failure: (row, error) => pullFailure(row.image, error),
};

/** Runs the pull `pullId` here; does nothing when another worker has claimed it already. Resolves when the pull has ended. */
export function runImagePull(deps: Deps, input: { pullId: string; replicaId: string }): Promise<void> {
  return runImageJob(deps, input, pullWork);
}

/** The engine's form of the chosen registry's credentials (its secret unsealed here, never stored with the job). */
async function registryAuth(deps: Pick<Deps, 'db' | 'keyring'>, registryId: string | null): Promise<EngineAuth | null> {
  if (!registryId) return null;
  const registry = await deps.db.registry.findUnique({ where: { id: registryId } });
  return registry ? engineAuthOf(registry, await registryLogin(deps, registry)) : null;
}
