// Images, volumes and networks of one host with what uses them, and the prune plans (dry runs).
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine, type ContainerSummary, type EngineApi, type HostEngine } from '../engine/index.ts';
import {
  planImagePrune, planNetworkPrune, planVolumePrune, toImageRows, toNetworkRows, toVolumeRows,
  type ImagePruneMode, type ImageRow, type NetworkRow, type PrunePlan, type VolumePruneMode, type VolumeRow,
} from '../../models/containers/host-resources.ts';

type Deps = Pick<ServiceDeps, 'engines'>;
export const RESOURCE_KINDS = ['images', 'volumes', 'networks'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export type HostImages = { hostId: string; hostName: string; images: ImageRow[] };
export type HostVolumes = { hostId: string; hostName: string; volumes: VolumeRow[] };
export type HostNetworks = { hostId: string; hostName: string; networks: NetworkRow[] };

/** A host's objects of one kind with the containers that use them, read together. */
function withUsers<T, R>(engine: HostEngine, kind: ResourceKind, list: (api: EngineApi) => Promise<T>, toRows: (objects: T, containers: ContainerSummary[]) => R, ms?: number): Promise<R> {
  return engine.call(
    msg('engineText.doing.listHostObjects', { kind }),
    async (api) => {
      const [objects, containers] = await Promise.all([list(api), api.listContainers({ all: true })]);
      return toRows(objects, containers);
    },
    { ms },
  );
}

/** `ms`: the deadline for the host's answer (the engine calls' default when absent). */
export const readImageRows = (engine: HostEngine, ms?: number): Promise<ImageRow[]> => withUsers(engine, 'images', (api) => api.listImages(), toImageRows, ms);
export const readVolumeRows = (engine: HostEngine, ms?: number): Promise<VolumeRow[]> => withUsers(engine, 'volumes', (api) => api.listVolumes(), toVolumeRows, ms);
export const readNetworkRows = (engine: HostEngine, ms?: number): Promise<NetworkRow[]> => withUsers(engine, 'networks', (api) => api.listNetworks(), toNetworkRows, ms);

export async function listHostImages(deps: Deps, hostId: string): Promise<HostImages> {
  const engine = await hostEngine(deps, hostId);
  return { hostId, hostName: engine.hostName, images: await readImageRows(engine) };
}
export async function listHostVolumes(deps: Deps, hostId: string): Promise<HostVolumes> {
  const engine = await hostEngine(deps, hostId);
  return { hostId, hostName: engine.hostName, volumes: await readVolumeRows(engine) };
}
export async function listHostNetworks(deps: Deps, hostId: string): Promise<HostNetworks> {
  const engine = await hostEngine(deps, hostId);
  return { hostId, hostName: engine.hostName, networks: await readNetworkRows(engine) };
}

export type PruneRequest = { kind: 'images'; mode: ImagePruneMode } | { kind: 'volumes'; mode: VolumePruneMode } | { kind: 'networks'; mode?: 'unused' };

/** What a prune would remove right now (nothing is removed). */
export async function planPrune(deps: Deps, hostId: string, request: PruneRequest): Promise<PrunePlan & { hostName: string }> {
  const engine = await hostEngine(deps, hostId);
  return { ...(await planOn(engine, request)), hostName: engine.hostName };
}

export async function planOn(engine: HostEngine, request: PruneRequest): Promise<PrunePlan> {
  if (request.kind === 'images') return planImagePrune(await readImageRows(engine), request.mode);
  if (request.kind === 'volumes') return planVolumePrune(await readVolumeRows(engine), request.mode);
  return planNetworkPrune(await readNetworkRows(engine));
}
