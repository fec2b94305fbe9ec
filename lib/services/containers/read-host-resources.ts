// Images, volumes and networks of one host with what uses them, and the prune plans (dry runs).
import type { ServiceDeps } from '../deps.ts';
import type { RawContainer } from '../../models/containers/container-views.ts';
import { call, hostEngine, type HostEngine } from '../engine/host-engine.ts';
import {
  planImagePrune, planNetworkPrune, planVolumePrune, toImageRows, toNetworkRows, toVolumeRows,
  type ImagePruneMode, type ImageRow, type NetworkRow, type PrunePlan, type RawImage, type RawNetwork, type RawVolume, type VolumePruneMode, type VolumeRow,
} from '../../models/containers/host-resources.ts';

type Deps = Pick<ServiceDeps, 'engines'>;
export type ResourceKind = 'images' | 'volumes' | 'networks';
export type HostImages = { hostId: string; hostName: string; images: ImageRow[] };
export type HostVolumes = { hostId: string; hostName: string; volumes: VolumeRow[] };
export type HostNetworks = { hostId: string; hostName: string; networks: NetworkRow[] };

const containersOf = (engine: HostEngine, signal: AbortSignal) => call<RawContainer[]>(engine.docker, engine.docker.listContainers, { all: true, abortSignal: signal });

export async function readImageRows(engine: HostEngine): Promise<ImageRow[]> {
  return engine
    .within(async (signal) => {
      const [images, containers] = await Promise.all([call<RawImage[]>(engine.docker, engine.docker.listImages, { abortSignal: signal }), containersOf(engine, signal)]);
      return toImageRows(images, containers);
    })
    .catch((error: unknown) => {
      throw engine.fail(error, 'list images');
    });
}

export async function readVolumeRows(engine: HostEngine): Promise<VolumeRow[]> {
  return engine
    .within(async (signal) => {
      const [volumes, containers] = await Promise.all([call<{ Volumes: RawVolume[] | null }>(engine.docker, engine.docker.listVolumes, { abortSignal: signal }), containersOf(engine, signal)]);
      return toVolumeRows(volumes.Volumes ?? [], containers);
    })
    .catch((error: unknown) => {
      throw engine.fail(error, 'list volumes');
    });
}

export async function readNetworkRows(engine: HostEngine): Promise<NetworkRow[]> {
  return engine
    .within(async (signal) => {
      const [networks, containers] = await Promise.all([call<RawNetwork[]>(engine.docker, engine.docker.listNetworks, { abortSignal: signal }), containersOf(engine, signal)]);
      return toNetworkRows(networks, containers);
    })
    .catch((error: unknown) => {
      throw engine.fail(error, 'list networks');
    });
}

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
