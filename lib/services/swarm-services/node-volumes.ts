// Volumes are local to each engine, so a swarm's volumes are read node by node: for every node of
// the swarm whose engine is a registered host, its volumes and the containers that use them.
// Removal is refused while a container (running or stopped) uses the volume, naming them.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, engineMessage, hostEngine } from '../engine/index.ts';
import { hostsByNodeId } from '../swarms/swarm-members.ts';
import { byNodeThenName, containerName, toVolumeRows, volumeSources, type SwarmVolumes } from './volume-views.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

/** One engine gets this long to list its volumes; a node that does not answer is reported, not waited for. */
const PER_HOST_MS = 10_000;

/** The swarm's nodes (id and hostname), read through a manager. */
async function swarmNodes(deps: Deps, swarmId: string): Promise<{ id: string; hostname: string }[]> {
  const { value } = await callManager(deps, swarmId, { write: false, doing: 'list the nodes' }, (api) => api.listNodes());
  return value.map((n) => ({ id: n.ID, hostname: n.Description?.Hostname ?? n.ID.slice(0, 12) }));
}

export async function listSwarmVolumes(deps: Deps, swarmId: string): Promise<SwarmVolumes> {
  const [nodes, hosts] = await Promise.all([swarmNodes(deps, swarmId), hostsByNodeId(deps.db)]);
  const sources = volumeSources(nodes, hosts);
  const perNode = await Promise.all(
    sources.map(async (source) => {
      if (!source.hostId) return { source, volumes: [] };
      const hostId = source.hostId;
      try {
        const engine = await hostEngine(deps, hostId);
        const { volumes, containers } = await engine.call(`list the volumes of ${source.node}`, async (api) => {
          const [v, c] = await Promise.all([api.listVolumes(), api.listContainers({ all: true })]);
          return { volumes: v, containers: c };
        }, { ms: PER_HOST_MS });
        return { source, volumes: toVolumeRows(volumes, containers, { hostId, hostName: source.hostName ?? hostId, node: source.node }) };
      } catch (error) {
        return { source: { ...source, error: error instanceof AppError ? (error.said ?? error.message) : msg('services.volumes.listFailed', { node: source.node }) }, volumes: [] };
      }
    }),
  );
  return { volumes: perNode.flatMap((n) => n.volumes).sort(byNodeThenName), sources: perNode.map((n) => n.source) };
}

export async function removeNodeVolume(deps: Deps, actor: Actor, input: { swarmId: string; hostId: string; name: string }): Promise<void> {
  const hostName = (await deps.db.host.findUnique({ where: { id: input.hostId }, select: { name: true } }))?.name ?? null;
  await audited(deps.db, subjectOf(actor), 'volume.remove', { type: 'volume', id: input.hostId, name: `${input.name} on ${hostName ?? 'an unknown host'}` }, async () => {
    // The host must run a node of this swarm: the swarm permission covers only its own nodes.
    const [nodes, hosts] = await Promise.all([swarmNodes(deps, input.swarmId), hostsByNodeId(deps.db)]);
    const node = nodes.find((n) => hosts.get(n.id)?.id === input.hostId);
    if (!node || !hostName) throw new AppError('NOT_FOUND', msg('services.errors.hostNotNode'));
    const engine = await hostEngine(deps, input.hostId);
    await engine.call(`remove volume ${input.name}`, async (api) => {
      const users = (await api.listContainers({ all: true, filters: { volume: [input.name] } })).map(containerName).sort();
      if (users.length) {
        throw new AppError('PRECONDITION', msg('services.errors.volumeInUse', { name: input.name, node: node.hostname, count: users.length, users: users.join(', ') }));
      }
      await api.removeVolume(input.name);
    }, { ms: PER_HOST_MS }).catch((error: AppError) => {
      // A container may have started using it between the check and the removal.
      if (error.code === 'CONFLICT') throw new AppError('PRECONDITION', msg('services.errors.volumeInUseEngine', { name: input.name, node: node.hostname, detail: engineMessage(error.cause).slice(0, 200) }), { cause: error.cause });
      throw error;
    });
  });
}
