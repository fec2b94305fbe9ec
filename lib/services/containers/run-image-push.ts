// Runs one queued image push on the replica whose worker took it (pull-queue.ts, queue image-push),
// the running shared with pulls (runImageJob: the claim, the progress written, the end, the audit):
// the host's image is tagged with the registry's name for it when it has another name, then pushed
// with the registry's credentials (X-Registry-Auth, unsealed here). A push the registry refuses
// says that the kept credentials may not write to that repository.
import 'server-only';
import type { ImagePull } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';
import { runImageJob, type ImageWork } from './run-image-pull.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

const PUSH_MS = 30 * 60_000;

/** The engine's push errors in words: a refusal names the credentials, not the engine's code. */
export function explainPushError(target: string, registry: string, detail: string): Message | string {
  if (/denied|insufficient_scope|requested access to the resource is denied|forbidden/i.test(detail)) return msg('containers.push.errors.denied', { registry, target, detail });
  if (/unauthorized|authentication required|no basic auth credentials/i.test(detail)) return msg('containers.push.errors.unauthorized', { registry, target, detail });
  if (/server gave HTTP response to HTTPS client/i.test(detail)) return msg('containers.push.errors.plainHttp', { registry, detail });
  if (/no such image|does not exist|An image does not exist locally/i.test(detail)) return msg('containers.push.errors.noImage', { target, detail });
  return detail;
}

/** `repository:tag` split at the tag (a push's target always has one: startImagePush checks it). */
export function splitTarget(target: string): { repository: string; tag: string } {
  const at = target.lastIndexOf(':');
  return { repository: target.slice(0, at), tag: target.slice(at + 1) };
}

const pushWork: ImageWork = {
  kind: 'push',
  audit: (row) => ({ action: 'image.push', target: { type: 'registry', id: row.registryId, name: `${row.source} on ${row.hostName} → ${row.image}` } }),
  async run(row, engine, auth, onLine, progress) {
    const target = row.image;
    const source = row.source ?? target;
    const { repository, tag } = splitTarget(target);
    if (source !== target) {
      await engine.call(msg('containers.push.tagging', { source, target }), (api) => api.tagImage(source, repository, tag)).catch((error: AppError) => {
        if (error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', msg('containers.push.errors.noSource', { source, host: row.hostName }));
        throw error;
      });
    }
    await engine.call(
      msg('containers.push.pushing', { target }),
      async (api) => {
        await api.pushImage(repository, tag, onLine, auth ?? undefined);
        if (progress().state === 'failed') throw new AppError('ENGINE_ERROR', msg('containers.push.errors.failed', { target, detail: progress().error ?? '' }));
      },
      { ms: PUSH_MS },
    );
  },
  failure(row: ImagePull, error, progress) {
    if (error instanceof AppError && error.code === 'NOT_FOUND' && error.said) return error.said;
    const detail = progress.error ?? (error instanceof Error ? error.message : String(error));
    const explained = explainPushError(row.image, row.registry ?? '', detail);
    return explained === detail && error instanceof AppError && error.said ? error.said : explained;
  },
};

/** Runs the push `pullId` here; does nothing when another worker has claimed it already. Resolves when the push has ended. */
export function runImagePush(deps: Deps, input: { pullId: string; replicaId: string }): Promise<void> {
  return runImageJob(deps, input, pushWork);
}
