// Volumes are local to each engine, so a swarm's volumes are read node by node: for every node of
// the swarm whose engine is a registered host, its volumes and the containers that use them.
// Removal is refused while a container (running or stopped) uses the volume, naming them.
import type Dockerode from 'dockerode';
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { connectionError, withDeadline } from '@/lib/services/engine/probe-engine.ts';
import { listNodes } from '@/lib/services/engine/swarm-api.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/call-manager.ts';
import { hostsByNodeId } from '../swarms/swarm-members.ts';
import { byNodeThenName, containerName, toVolumeRows, volumeSources, type RawContainer, type RawVolume, type SwarmVolumes } from './volume-views.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

/** One engine gets this long to list its volumes; a node that does not answer is reported, not waited for. */
const PER_HOST_MS = 10_000;

type Json = Record<string, unknown>;
const call = <T>(target: unknown, method: unknown, options: Json): Promise<T> => (method as (this: unknown, o: Json) => Promise<T>).call(target, options);
const listVolumes = (d: Dockerode, signal: AbortSignal) => call<{ Volumes: RawVolume[] | null }>(d, d.listVolumes, { abortSignal: signal });
const listContainers = (d: Dockerode, signal: AbortSignal, filters?: Record<string, string[]>) =>
  call<RawContainer[]>(d, d.listContainers, { all: true, ...(filters ? { filters: JSON.stringify(filters) } : {}), abortSignal: signal });

/** The swarm's nodes (id and hostname), read through a manager. */
async function swarmNodes(deps: Deps, swarmId: string): Promise<{ id: string; hostname: string }[]> {
  const { value } = await callManager(deps, swarmId, { write: false }, (docker, signal) => listNodes(docker, signal));
  return value.map((n) => ({ id: n.ID, hostname: (n as { Description?: { Hostname?: string } }).Description?.Hostname ?? n.ID.slice(0, 12) }));
}

async function engineOf(deps: Deps, hostId: string): Promise<{ docker: Dockerode; why: (error: unknown) => string }> {
  const client = await deps.engines.get(hostId);
  return {
    docker: client.docker,
    why: (error) => (error instanceof AppError ? error.message : connectionError(error, client.spec).problem.message),
  };
}

export async function listSwarmVolumes(deps: Deps, swarmId: string): Promise<SwarmVolumes> {
  const [nodes, hosts] = await Promise.all([swarmNodes(deps, swarmId), hostsByNodeId(deps.db)]);
  const sources = volumeSources(nodes, hosts);
  const perNode = await Promise.all(
    sources.map(async (source) => {
      if (!source.hostId) return { source, volumes: [] };
      const hostId = source.hostId;
      let why = (error: unknown) => (error instanceof AppError ? error.message : 'The engine did not answer.');
      try {
        const engine = await engineOf(deps, hostId);
        why = engine.why;
        const { volumes, containers } = await withDeadline(async (signal) => {
          const [v, c] = await Promise.all([listVolumes(engine.docker, signal), listContainers(engine.docker, signal)]);
          return { volumes: v?.Volumes ?? [], containers: c };
        }, PER_HOST_MS);
        return { source, volumes: toVolumeRows(volumes, containers, { hostId, hostName: source.hostName ?? hostId, node: source.node }) };
      } catch (error) {
        return { source: { ...source, error: `Could not list the volumes of ${source.node}: ${why(error)}` }, volumes: [] };
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
    if (!node || !hostName) throw new AppError('NOT_FOUND', 'That host is not a node of this swarm (any more).');
    const engine = await engineOf(deps, input.hostId);
    await withDeadline(async (signal) => {
      const users = (await listContainers(engine.docker, signal, { volume: [input.name] })).map(containerName).sort();
      if (users.length) {
        throw new AppError('PRECONDITION', `Volume ${input.name} on ${node.hostname} is in use by ${users.length === 1 ? 'container' : 'containers'} ${users.join(', ')}. Remove ${users.length === 1 ? 'it' : 'them'} first.`);
      }
      const volume = engine.docker.getVolume(input.name);
      await call(volume, volume.remove, { abortSignal: signal });
    }, PER_HOST_MS).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      const e = error as { statusCode?: number; json?: { message?: string } };
      if (e.statusCode === 404) throw new AppError('NOT_FOUND', `Volume ${input.name} does not exist on ${node.hostname} (any more).`);
      // A container may have started using it between the check and the removal.
      if (e.statusCode === 409) throw new AppError('PRECONDITION', `Volume ${input.name} on ${node.hostname} is in use: ${String(e.json?.message ?? '').slice(0, 200)}`);
      throw new AppError('ENGINE_UNREACHABLE', `Could not remove volume ${input.name} on ${node.hostname}: ${engine.why(error)}`, { cause: error });
    });
  });
}
