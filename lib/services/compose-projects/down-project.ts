// `docker compose down` for any project on a host, Wharf's or the Compose CLI's: its containers
// stopped and removed (one-off runs included), then the networks it made, and with `volumes` the
// volumes it made (never external ones: those carry no project label). Wharf's stored file and
// revisions stay, so the project can be brought up again; `forget` removes those too.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { LABEL } from './compose-labels.ts';
import { startOrder } from './depends-on.ts';
import type { ExistingContainer } from './plan-up.ts';
import { composeContainers } from './project-host.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export type DownProjectInput = { hostId: string; name: string; volumes: boolean; forget: boolean };
export type DownProjectResult = { containers: string[]; networks: string[]; volumes: string[] };

const CALL_MS = 30_000;

/** Containers in the order down stops them: what depends on others first (from the depends_on
 * labels Compose v2 and Wharf write; by name where there are none, or where they make a cycle). */
export function stopOrder(containers: ExistingContainer[]): ExistingContainer[] {
  const services = [...new Set(containers.map((c) => c.labels[LABEL.service] ?? ''))].sort().map((name) => {
    const label = containers.find((c) => c.labels[LABEL.service] === name)?.labels[LABEL.dependsOn] ?? '';
    return { name, dependsOn: Object.fromEntries(label.split(',').filter(Boolean).map((entry) => [entry.split(':')[0], true])) };
  });
  const order = startOrder(services);
  const names = ('order' in order ? order.order : services.map((s) => s.name)).toReversed();
  const byName = (a: ExistingContainer, b: ExistingContainer) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return names.flatMap((service) => containers.filter((c) => (c.labels[LABEL.service] ?? '') === service).sort(byName));
}

export async function downProject(deps: Deps, actor: Actor, input: DownProjectInput): Promise<DownProjectResult> {
  const engine = await hostEngine(deps, input.hostId);
  const target = { type: 'compose-project', id: `${input.hostId}/${input.name}`, name: `${input.name} on ${engine.hostName}` };
  return audited(deps.db, subjectOf(actor), input.forget ? 'project.remove' : 'project.down', target, async () => {
    const label = `${LABEL.project}=${input.name}`;
    const containers = stopOrder(await engine.call(msg('engineText.doing.readProjectContainers', { name: input.name }), (api) => composeContainers(api, input.name)));
    const result: DownProjectResult = { containers: [], networks: [], volumes: [] };
    for (const c of containers) {
      if (c.state === 'running') await engine.call(msg('engineText.doing.stopContainer', { name: c.name }), (api) => api.changeContainerState(c.id, 'stop'), { ms: CALL_MS });
      await engine.call(msg('engineText.doing.removeContainer', { name: c.name }), (api) => api.removeContainer(c.id, { force: true, volumes: false }), { ms: CALL_MS });
      result.containers.push(c.name);
    }
    const networks = await engine.call(msg('engineText.doing.readProjectNetworks', { name: input.name }), (api) => api.listNetworks({ label: [label] }));
    for (const n of networks) {
      await engine.call(msg('engineText.doing.removeNetwork', { name: n.Name }), (api) => api.removeNetwork(n.Id));
      result.networks.push(n.Name);
    }
    if (input.volumes) {
      const volumes = await engine.call(msg('engineText.doing.readProjectVolumes', { name: input.name }), (api) => api.listVolumes({ label: [label] }));
      for (const v of volumes) {
        await engine.call(msg('engineText.doing.removeVolume', { name: v.Name }), (api) => api.removeVolume(v.Name));
        result.volumes.push(v.Name);
      }
    }
    if (input.forget) await deps.db.composeProject.deleteMany({ where: { hostId: input.hostId, name: input.name } });
    return result;
  }, (r) => ({ message: `removed ${r.containers.length} container(s), ${r.networks.length} network(s), ${r.volumes.length} volume(s)` }));
}
