// start, stop and restart of a project's containers (all, or one service's), and a service's
// scale: the scale is kept with Wharf's project and up makes or removes containers to match it.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { isOneOff, LABEL } from './compose-labels.ts';
import { composeContainers, parsedProject, requireStoredProject } from './project-host.ts';
import { upProject, type UpProjectResult } from './up-project.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export type ProjectVerb = 'start' | 'stop' | 'restart';
export type ChangeProjectInput = { hostId: string; name: string; verb: ProjectVerb; service?: string };

const CALL_MS = 30_000;

export async function changeProject(deps: Pick<Deps, 'db' | 'engines'>, actor: Actor, input: ChangeProjectInput): Promise<{ changed: string[] }> {
  const engine = await hostEngine(deps, input.hostId);
  const target = { type: 'compose-project', id: `${input.hostId}/${input.name}`, name: `${input.service ? `${input.service} of ` : ''}${input.name} on ${engine.hostName}` };
  return audited(deps.db, subjectOf(actor), `project.${input.verb}`, target, async () => {
    const containers = (await engine.call(`read the containers of project ${input.name}`, (api) => composeContainers(api, input.name)))
      .filter((c) => !isOneOff(c.labels) && (!input.service || c.labels[LABEL.service] === input.service))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (containers.length === 0) throw new AppError('NOT_FOUND', input.service ? msg('compose.errors.noServiceContainer', { name: input.name, service: input.service, host: engine.hostName }) : msg('compose.errors.noContainers', { name: input.name, host: engine.hostName }));
    const changed: string[] = [];
    for (const c of containers) {
      if (await engine.call(`${input.verb} container ${c.name}`, (api) => api.changeContainerState(c.id, input.verb), { ms: CALL_MS })) changed.push(c.name);
    }
    return { changed };
  }, (r) => ({ message: r.changed.join(', ') || 'nothing to change' }));
}

/** Keeps the service's new scale with the project, then runs up, which makes or removes the difference. */
export async function scaleService(deps: Deps, actor: Actor, input: { hostId: string; name: string; service: string; scale: number; waitSeconds?: number }): Promise<UpProjectResult> {
  const stored = await requireStoredProject(deps, input.hostId, input.name);
  const project = parsedProject(stored);
  if (!project.services.some((s) => s.name === input.service)) throw new AppError('NOT_FOUND', msg('compose.errors.noService', { name: input.name, service: input.service }));
  const scales = { ...stored.scales, [input.service]: input.scale };
  await audited(deps.db, subjectOf(actor), 'project.scale', { type: 'compose-project', id: `${input.hostId}/${input.name}`, name: `${input.service} of ${input.name} to ${input.scale}` }, () =>
    deps.db.composeProject.update({ where: { id: stored.id }, data: { scales } }),
  );
  return upProject(deps, actor, input, { ...stored, scales });
}
