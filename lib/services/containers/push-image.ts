// Pushing an image from a host to a registry Wharf keeps (registry.push there, checked by the
// action): the image is tagged with the registry's name for it first when it has another name,
// then pushed with the registry's credentials (X-Registry-Auth), followed like a pull (a job the
// page polls, per-layer progress). A push the registry refuses says that the kept credentials may
// not write to that repository.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { engineAuthOf } from '@/lib/models/registries/engine-auth.ts';
import { parseImageReference } from '@/lib/models/registries/image-reference.ts';
import { referenceAddress, type RegistryKind } from '@/lib/models/registries/registry-kinds.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { readRegistry, registryLogin } from '../registries/registry-rows.ts';
import { pullJobsOf, type PullJob } from './pull-image.ts';
import { applyPullEvent, failProgress, finishProgress, startProgress, type PullProgress } from './pull-progress.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

const PUSH_MS = 30 * 60_000;

export type PushInput = { hostId: string; source: string; registryId: string; repository: string; tag: string };

/** The engine's push errors in words: a refusal names the credentials, not the engine's code. */
export function explainPushError(target: string, registry: string, message: string): string {
  if (/denied|insufficient_scope|requested access to the resource is denied|forbidden/i.test(message)) return renderMessage(msg('containers.push.errors.denied', { registry, target, detail: message }));
  if (/unauthorized|authentication required|no basic auth credentials/i.test(message)) return renderMessage(msg('containers.push.errors.unauthorized', { registry, target, detail: message }));
  if (/server gave HTTP response to HTTPS client/i.test(message)) return renderMessage(msg('containers.push.errors.plainHttp', { registry, detail: message }));
  if (/no such image|does not exist|An image does not exist locally/i.test(message)) return renderMessage(msg('containers.push.errors.noImage', { target, detail: message }));
  return message;
}

/** Starts the push (after tagging); returns the job to poll. The push is audited when it ends. */
export async function startImagePush(deps: Deps, actor: Actor, input: PushInput): Promise<PullJob & { target: string }> {
  const row = await readRegistry(deps.db, input.registryId);
  const address = referenceAddress(row.kind as RegistryKind, row.address);
  const target = `${address}/${input.repository}:${input.tag}`;
  const parsed = parseImageReference(target);
  if (!parsed || parsed.tag !== input.tag) throw new AppError('INVALID_INPUT', msg('containers.push.errors.badTarget', { target }), { fieldErrors: { repository: [issueText('containers.push.errors.badTarget', { target })] } });
  const engine = await hostEngine(deps, input.hostId);
  const repository = target.slice(0, target.length - input.tag.length - 1);
  if (input.source !== target) {
    await engine.call(msg('containers.push.tagging', { source: input.source, target }), (api) => api.tagImage(input.source, repository, input.tag)).catch((error: AppError) => {
      if (error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', msg('containers.push.errors.noSource', { source: input.source, host: engine.hostName }));
      throw error;
    });
  }
  const auth = engineAuthOf(row, await registryLogin(deps, row));
  const job: PullJob & { target: string } = { id: randomBytes(12).toString('hex'), hostId: input.hostId, hostName: engine.hostName, image: target, target, registry: row.name, startedAt: new Date().toISOString(), finishedAt: null, progress: startProgress() };
  const jobs = pullJobsOf(deps);
  jobs.add(job);
  const finish = (progress: PullProgress) => jobs.end(job, progress);
  void audited(deps.db, subjectOf(actor), 'image.push', { type: 'registry', id: row.id, name: `${input.source} on ${engine.hostName} → ${target}` }, () =>
    engine.call(
      msg('containers.push.pushing', { target }),
      async (api) => {
        await api.pushImage(repository, input.tag, (line) => (job.progress = applyPullEvent(job.progress, line)), auth ?? undefined);
        if (job.progress.state === 'failed') throw new AppError('ENGINE_ERROR', msg('containers.push.errors.failed', { target, detail: job.progress.error ?? '' }));
      },
      { ms: PUSH_MS },
    ),
  ).then(
    () => finish(finishProgress(job.progress)),
    (error: unknown) => finish({ ...failProgress(job.progress, ''), state: 'failed', error: explainPushError(target, row.name, job.progress.error ?? (error instanceof Error ? error.message : String(error))) }),
  );
  return job;
}
