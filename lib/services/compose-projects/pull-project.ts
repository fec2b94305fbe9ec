// `docker compose pull` for a project Wharf keeps: every enabled service's image (or one
// service's), each as an image pull job of the host (pull-image.ts: the registry's credentials as
// create uses them, progress the page follows, an image.pull audit row each), under one
// project.pull audit row. Up does not pull: a missing image is named by up's own error.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { startImagePull } from '../containers/pull-image.ts';
import { parsedProject, requireStoredProject } from './project-host.ts';
import type { ComposeProject } from './read-project.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;

export type PullProjectResult = { jobs: { jobId: string; image: string; registry: string | null }[] };

/** The project's services (all, or the one named), refused when it names none of them. */
export function chosenServices(project: ComposeProject, service: string | undefined): ComposeProject['services'] {
  if (service === undefined) return project.services;
  const found = project.services.filter((s) => s.name === service);
  if (!found.length) throw new AppError('NOT_FOUND', msg('compose.errors.noService', { name: project.name, service }));
  return found;
}

/** Their images, each once, in the file's order. */
export const imagesOf = (services: ComposeProject['services']) => [...new Set(services.map((s) => s.image))];

export const projectTarget = (hostId: string, name: string, hostName: string) => ({ type: 'compose-project', id: `${hostId}/${name}`, name: `${name} on ${hostName}` });

export async function pullProject(deps: Deps, actor: Actor, input: { hostId: string; name: string; service?: string }): Promise<PullProjectResult> {
  const stored = await requireStoredProject(deps, input.hostId, input.name);
  const images = imagesOf(chosenServices(parsedProject(stored), input.service));
  const engine = await hostEngine(deps, input.hostId);
  return audited(deps.db, subjectOf(actor), 'project.pull', projectTarget(input.hostId, input.name, engine.hostName), async () => {
    const jobs: PullProjectResult['jobs'] = [];
    for (const image of images) {
      const job = await startImagePull(deps, actor, { hostId: input.hostId, image });
      jobs.push({ jobId: job.id, image: job.image, registry: job.registry });
    }
    return { jobs };
  }, (r) => ({ message: r.jobs.map((j) => j.image).join(', ') }));
}
