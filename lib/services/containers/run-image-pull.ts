// Runs one queued image pull on the replica whose worker took it (pull-queue.ts): claims its row,
// asks the host's engine through the gateway with the credentials of the registry chosen when it
// was started, folds the engine's stream into the row's progress (written at most every 500 ms,
// and at the end), and audits the pull as the user who asked for it.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { engineAuthOf, type EngineAuth } from '@/lib/models/registries/engine-auth.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { registryLogin } from '../registries/registry-rows.ts';
import { pullFailure } from './pull-image.ts';
import { applyPullEvent, failProgress, finishProgress, startProgress, type PullProgress } from './pull-progress.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

const PULL_MS = 15 * 60_000;
/** At most one progress write per this many milliseconds while the engine streams. */
export const PROGRESS_WRITE_MS = 500;

const asJson = (progress: PullProgress) => progress as unknown as Prisma.InputJsonValue;

/** Runs the pull `pullId` here; does nothing when another worker has claimed it already. Resolves when the pull has ended. */
export async function runImagePull(deps: Deps, input: { pullId: string; replicaId: string }): Promise<void> {
  const { pullId, replicaId } = input;
  const claimed = await deps.db.imagePull.updateMany({ where: { id: pullId, status: 'queued' }, data: { status: 'running', replicaId, startedAt: new Date() } });
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
  try {
    await audited(deps.db, subject, 'image.pull', { type: 'image', id: row.hostId, name: `${row.image} on ${row.hostName}` }, async () => {
      const [engine, auth] = await Promise.all([hostEngine(deps, row.hostId), registryAuth(deps, row.registryId)]);
      await engine.call(
        msg('guardText.doing.pull', { image: row.image }),
        async (api) => {
          await api.pullImage(
            row.image,
            (line) => {
              progress = applyPullEvent(progress, line);
              writeProgress();
            },
            auth ?? undefined,
          );
          if (progress.state === 'failed') throw new AppError('ENGINE_ERROR', progress.error ?? msg('containers.errors.pullFailed'));
        },
        { ms: PULL_MS },
      );
    });
    await end(finishProgress(progress));
  } catch (error) {
    // Kept as a message (key and values): the pull is said in its reader's language when read (readPullJob).
    await end(failProgress(progress, storedSaying(pullFailure(row.image, error))));
  }
}

/** The engine's form of the chosen registry's credentials (its secret unsealed here, never stored with the job). */
async function registryAuth(deps: Pick<Deps, 'db' | 'keyring'>, registryId: string | null): Promise<EngineAuth | null> {
  if (!registryId) return null;
  const registry = await deps.db.registry.findUnique({ where: { id: registryId } });
  return registry ? engineAuthOf(registry, await registryLogin(deps, registry)) : null;
}
