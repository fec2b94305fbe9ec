// `docker compose up -d --force-recreate [--pull always] [service]` for a project Wharf keeps: its
// services' containers (all, or one service's) are recreated even when unchanged, optionally after
// pulling their images first (queued pulls, waited for, with the registries' credentials). The
// recreate is an up (up-project.ts: the workload policy, dependency order and waits, failures
// named), audited as project.recreate; the pulls before it as project.pull.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { imageToPull, pullAndWait } from '../containers/pull-image.ts';
import { parsedProject, requireStoredProject } from './project-host.ts';
import { chosenServices, imagesOf, projectTarget } from './pull-project.ts';
import { upProject, type UpProjectResult } from './up-project.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;

export type RecreateProjectInput = { hostId: string; name: string; service?: string; pull: boolean; waitSeconds?: number };

export async function recreateProject(deps: Deps, actor: Actor, input: RecreateProjectInput): Promise<UpProjectResult & { pulled: string[] }> {
  const stored = await requireStoredProject(deps, input.hostId, input.name);
  const services = chosenServices(parsedProject(stored), input.service);
  const pulled: string[] = [];
  if (input.pull) {
    const engine = await hostEngine(deps, input.hostId);
    await audited(deps.db, subjectOf(actor), 'project.pull', projectTarget(input.hostId, input.name, engine.hostName), async () => {
      for (const image of imagesOf(services).map(imageToPull)) {
        // A queued pull (with the registry's credentials when the user may pull there), waited for.
        await pullAndWait(deps, actor, { hostId: input.hostId, image }).catch((error: unknown) => {
          throw new AppError('ENGINE_ERROR', msg('compose.errors.pullFailed', { image, host: engine.hostName, detail: error instanceof AppError ? (error.said ?? error.message) : String(error) }));
        });
        pulled.push(image);
      }
      return pulled;
    }, (images) => ({ message: images.join(', ') }));
  }
  const up = await upProject(deps, actor, { hostId: input.hostId, name: input.name, waitSeconds: input.waitSeconds, recreate: services.map((s) => s.name) }, stored);
  return { ...up, pulled };
}
