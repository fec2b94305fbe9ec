// Update checks for what a page lists: a host's containers (their image's RepoDigests, read from
// the host's image list; a swarm task points to its service instead) and a swarm's services (the
// digest their spec is pinned to). Asked lazily by the lists and detail pages, after they render.
// A check that finds a new digest for a running container or a service raises "update available"
// (once per object and digest), without waiting for it.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { msg } from '@/lib/i18n/message.ts';
import { serviceTarget } from '@/lib/models/access/containment.ts';
import { updateNotices, type CheckedObject } from '@/lib/models/notifications/update-notices.ts';
import { containerRunning, serviceRunning, type UpdateJudgement } from '@/lib/models/registries/image-updates.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, hostEngine } from '../engine/index.ts';
import { notify } from '../notifications/raise-notification.ts';
import { checkMany } from './check-image-updates.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';
const SERVICE_NAME_LABEL = 'com.docker.swarm.service.name';
const STACK_LABEL = 'com.docker.stack.namespace';
/** An image named by its id (`sha256:…`, or the bare hex the engine also answers). */
const IMAGE_ID = /^(sha256:)?[a-f0-9]{64}$/;

/** Raises "update available" for the checked objects a judgement says have one. */
function raiseUpdates(deps: Pick<ServiceDeps, 'db'>, checked: CheckedObject[], judgements: Record<string, UpdateJudgement>): void {
  for (const notice of updateNotices(checked, judgements, new Date().toISOString())) notify(deps, notice.event, { dedupeKey: notice.dedupeKey });
}

/** Each container of the host (or the one named) by id: current, an update, a task, or why not known. */
export async function checkHostContainers(deps: Deps, actor: Actor, input: { hostId: string; containerId?: string }): Promise<Record<string, UpdateJudgement>> {
  const engine = await hostEngine(deps, input.hostId);
  const { containers, images } = await engine.call(msg('engineText.doing.listContainers'), async (api) => {
    const [containers, images] = await Promise.all([api.listContainers({ all: true, ...(input.containerId ? { filters: { id: [input.containerId] } } : {}) }), api.listImages()]);
    return { containers, images };
  });
  const digestsOf = new Map(images.map((i) => [i.Id, i.RepoDigests ?? []]));
  // The list names a container's image by id once its tag has moved to another image: the
  // reference it was created from is in its inspect.
  const moved = containers.filter((c) => IMAGE_ID.test(String(c.Image ?? '')));
  const references = new Map(
    await Promise.all(moved.map(async (c) => [c.Id, await engine.call(msg('engineText.doing.readContainer', { name: c.Id.slice(0, 12) }), (api) => api.inspectContainer(c.Id)).then((i) => String(i.Config?.Image ?? ''), () => String(c.Image))] as const)),
  );
  const judgements = await checkMany(
    deps,
    actor,
    containers.map((c) => {
      const image = references.get(c.Id) ?? String(c.Image ?? '');
      const service = c.Labels?.[SERVICE_ID_LABEL] ? c.Labels?.[SERVICE_NAME_LABEL] ?? c.Labels[SERVICE_ID_LABEL] : null;
      if (service) return { key: c.Id, image, running: { state: 'task' as const, service } };
      return { key: c.Id, image, running: containerRunning(image, digestsOf.get(String(c.ImageID ?? '')) ?? []) };
    }),
  );
  const running = containers.filter((c) => c.State === 'running');
  raiseUpdates(deps, running.map((c) => ({ kind: 'container', id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), scope: { hostId: input.hostId, hostName: engine.hostName } })), judgements);
  return judgements;
}

/** Each service of the swarm the user may see, by id. */
export async function checkSwarmServices(deps: Deps, actor: Actor, input: { swarmId: string; serviceId?: string }): Promise<Record<string, UpdateJudgement>> {
  const { value } = await callManager(deps, input.swarmId, { write: false, doing: msg('engineText.doing.listServices') }, (api) => (input.serviceId ? api.inspectService(input.serviceId).then((s) => [s]) : api.listServices()));
  const visible = value.filter((s) => isAllowed(actor.grants, 'service.view', serviceTarget(input.swarmId, s.Spec.Labels), actor.id));
  const judgements = await checkMany(
    deps,
    actor,
    visible.map((s) => {
      const image = String((s.Spec as { TaskTemplate?: { ContainerSpec?: { Image?: string } } }).TaskTemplate?.ContainerSpec?.Image ?? '');
      return { key: s.ID, image, running: serviceRunning(image) };
    }),
  );
  raiseUpdates(deps, visible.map((s) => {
    const stackName = s.Spec.Labels?.[STACK_LABEL];
    return { kind: 'service', id: s.ID, name: s.Spec.Name ?? s.ID, scope: { swarmId: input.swarmId, ...(stackName ? { stackName } : {}) } };
  }), judgements);
  return judgements;
}
