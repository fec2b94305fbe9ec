// One container in detail: inspect (environment values masked), its processes when it runs, and
// revealing the environment values — a separate, audited step for those allowed.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { envEntries, toContainerDetail, type ContainerDetail, type EnvEntry } from '../../models/containers/container-views.ts';
import { swarmOfHosts } from '../access/locate-target.ts';
import { hostEngine } from '../engine/index.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
type Ref = { hostId: string; containerId: string };

export async function readContainer(deps: Deps, ref: Ref): Promise<ContainerDetail> {
  const engine = await hostEngine(deps, ref.hostId);
  const detail = await engine.call(msg('engineText.doing.readContainer', { name: ref.containerId.slice(0, 12) }), async (api) => {
    const inspect = await api.inspectContainer(ref.containerId);
    // A process list is only there while the container runs; a failure to read it is not a failure of the page.
    const top = inspect.State?.Running && !inspect.State.Paused ? await api.topContainer(ref.containerId, 'aux').catch(() => api.topContainer(ref.containerId)).catch(() => null) : null;
    return toContainerDetail(inspect, { hostId: ref.hostId, hostName: engine.hostName }, { reveal: false, top });
  });
  // A swarm task links to its stack and service, pages of the host's swarm.
  if (!detail.serviceId && detail.stackKind !== 'stack') return detail;
  const swarmId = (await swarmOfHosts(deps, [ref.hostId])).get(ref.hostId) ?? null;
  return { ...detail, swarmId };
}

/** The environment with its values. The caller has checked container.env; every reveal is audited. */
export async function revealContainerEnv(deps: Deps, actor: Actor, ref: Ref): Promise<EnvEntry[]> {
  const engine = await hostEngine(deps, ref.hostId);
  return audited(deps.db, subjectOf(actor), 'container.env.reveal', { type: 'container', id: `${ref.hostId}/${ref.containerId.slice(0, 12)}`, name: `on ${engine.hostName}` }, async () => {
    const inspect = await engine.call(msg('engineText.doing.readContainer', { name: ref.containerId.slice(0, 12) }), (api) => api.inspectContainer(ref.containerId));
    return { name: inspect.Name.replace(/^\//, ''), env: envEntries(inspect.Config?.Env, true) };
  }, (r) => ({ name: `${r.name} on ${engine.hostName}` })).then((r) => r.env);
}
