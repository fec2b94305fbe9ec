// Typed swarm calls with an abort signal. dockerode sends `_query` as the query string and
// `_body` as the JSON body, so specs never leak into URLs.
import type Dockerode from 'dockerode';

type Json = Record<string, unknown>;
type Call<T> = (this: unknown, options: Json) => Promise<T>;
const call = <T>(target: unknown, method: unknown, options: Json): Promise<T> => (method as Call<T>).call(target, options);

export type RawNode = Json & { ID: string; Version: { Index: number }; Spec: Json & { Role?: string; Availability?: string; Labels?: Record<string, string> } };
export type RawSwarm = Json & { ID: string; Version: { Index: number }; Spec: Json; JoinTokens: { Worker: string; Manager: string } };
export type RawTask = Json & { ID: string; ServiceID: string; NodeID?: string };
export type RawService = Json & { ID: string; Spec: Json & { Name: string } };

export const swarmInspect = (d: Dockerode, signal?: AbortSignal) => call<RawSwarm>(d, d.swarmInspect, { abortSignal: signal });

export const swarmInit = (d: Dockerode, body: Json, signal?: AbortSignal) => call<string>(d, d.swarmInit, { ...body, abortSignal: signal });

export const swarmJoin = (d: Dockerode, body: Json, signal?: AbortSignal) => call<unknown>(d, d.swarmJoin, { ...body, abortSignal: signal });

export const swarmLeave = (d: Dockerode, force: boolean, signal?: AbortSignal) => call<unknown>(d, d.swarmLeave, { force, abortSignal: signal });

export const swarmUpdate = (d: Dockerode, version: number, spec: Json, rotate: { worker?: boolean; manager?: boolean; unlockKey?: boolean } = {}, signal?: AbortSignal) =>
  call<unknown>(d, d.swarmUpdate, {
    _query: { version, rotateWorkerToken: !!rotate.worker, rotateManagerToken: !!rotate.manager, rotateManagerUnlockKey: !!rotate.unlockKey },
    _body: spec,
    abortSignal: signal,
  });

/** GET /swarm/unlockkey: the key that unlocks an autolocked manager. */
export async function swarmUnlockKey(d: Dockerode, signal?: AbortSignal): Promise<string> {
  const result = await new Promise<{ UnlockKey?: string }>((resolve, reject) => {
    d.modem.dial({ path: '/swarm/unlockkey', method: 'GET', abortSignal: signal, statusCodes: { 200: true, 500: 'server error', 503: 'node is not part of a swarm' } } as never, (error: Error | null, data: unknown) => (error ? reject(error) : resolve(data as { UnlockKey?: string })));
  });
  return result.UnlockKey ?? '';
}

export const listNodes = (d: Dockerode, signal?: AbortSignal) => call<RawNode[]>(d, d.listNodes, { abortSignal: signal });

export const inspectNode = (d: Dockerode, id: string, signal?: AbortSignal) => {
  const node = d.getNode(id);
  return call<RawNode>(node, node.inspect, { abortSignal: signal });
};

export const updateNode = (d: Dockerode, id: string, version: number, spec: Json, signal?: AbortSignal) => {
  const node = d.getNode(id);
  return call<unknown>(node, node.update, { _query: { version }, _body: spec, abortSignal: signal });
};

export const removeNode = (d: Dockerode, id: string, force: boolean, signal?: AbortSignal) => {
  const node = d.getNode(id);
  return call<unknown>(node, node.remove, { force, abortSignal: signal });
};

export const listTasks = (d: Dockerode, filters: Record<string, string[]>, signal?: AbortSignal) =>
  call<RawTask[]>(d, d.listTasks, { filters: JSON.stringify(filters), abortSignal: signal });

export const listServices = (d: Dockerode, signal?: AbortSignal) => call<RawService[]>(d, d.listServices, { abortSignal: signal });
