// Typed engine calls for what stacks are made of (services, networks, secrets, configs), with an
// abort signal, filtered by label where the engine allows it.
import type Dockerode from 'dockerode';

type Json = Record<string, unknown>;
type Call<T> = (this: unknown, options: Json) => Promise<T>;
const call = <T>(target: unknown, method: unknown, options: Json): Promise<T> => (method as Call<T>).call(target, options);
const byLabel = (label: string) => JSON.stringify({ label: [label] });

export type RawObject = Json & { ID: string; Version: { Index: number }; Spec: Json & { Name: string; Labels?: Record<string, string> }; CreatedAt?: string; UpdatedAt?: string };
export type RawNetwork = Json & { Id: string; Name: string; Scope: string; Driver: string; Labels?: Record<string, string> };

export const listServicesByLabel = (d: Dockerode, label: string, signal?: AbortSignal) => call<RawObject[]>(d, d.listServices, { filters: byLabel(label), status: true, abortSignal: signal });
export const listSecretsByLabel = (d: Dockerode, label: string, signal?: AbortSignal) => call<RawObject[]>(d, d.listSecrets, { filters: byLabel(label), abortSignal: signal });
export const listConfigsByLabel = (d: Dockerode, label: string, signal?: AbortSignal) => call<RawObject[]>(d, d.listConfigs, { filters: byLabel(label), abortSignal: signal });
export const listNetworksByLabel = (d: Dockerode, label: string, signal?: AbortSignal) => call<RawNetwork[]>(d, d.listNetworks, { filters: byLabel(label), abortSignal: signal });
export const listAllServices = (d: Dockerode, signal?: AbortSignal) => call<RawObject[]>(d, d.listServices, { status: true, abortSignal: signal });
export const listAllSecrets = (d: Dockerode, signal?: AbortSignal) => call<RawObject[]>(d, d.listSecrets, { abortSignal: signal });
export const listAllConfigs = (d: Dockerode, signal?: AbortSignal) => call<RawObject[]>(d, d.listConfigs, { abortSignal: signal });
export const listAllNetworks = (d: Dockerode, signal?: AbortSignal) => call<RawNetwork[]>(d, d.listNetworks, { abortSignal: signal });

// These endpoints' paths end in "?": dockerode would put the whole spec in the query string as
// well as the body (secret data in a URL). An explicit empty _query and a _body prevent that.
const bodyOnly = (spec: Json, signal?: AbortSignal) => ({ _query: {}, _body: spec, abortSignal: signal });

export const createSecret = (d: Dockerode, spec: Json, signal?: AbortSignal) => call<{ id?: string; ID?: string }>(d, d.createSecret, bodyOnly(spec, signal));
export const createConfig = (d: Dockerode, spec: Json, signal?: AbortSignal) => call<{ id?: string; ID?: string }>(d, d.createConfig, bodyOnly(spec, signal));
export const createNetwork = (d: Dockerode, spec: Json, signal?: AbortSignal) => call<{ id?: string }>(d, d.createNetwork, bodyOnly(spec, signal));

export function updateSecret(d: Dockerode, id: string, version: number, spec: Json, signal?: AbortSignal) {
  const secret = d.getSecret(id);
  return call<unknown>(secret, secret.update, { _query: { version }, _body: spec, abortSignal: signal });
}
export function updateConfig(d: Dockerode, id: string, version: number, spec: Json, signal?: AbortSignal) {
  const config = d.getConfig(id);
  return call<unknown>(config, config.update, { _query: { version }, _body: spec, abortSignal: signal });
}
export function removeSecret(d: Dockerode, id: string, signal?: AbortSignal) {
  const secret = d.getSecret(id);
  return call<unknown>(secret, secret.remove, { abortSignal: signal });
}
export function removeConfig(d: Dockerode, id: string, signal?: AbortSignal) {
  const config = d.getConfig(id);
  return call<unknown>(config, config.remove, { abortSignal: signal });
}
export function removeNetwork(d: Dockerode, id: string, signal?: AbortSignal) {
  const network = d.getNetwork(id);
  return call<unknown>(network, network.remove, { abortSignal: signal });
}

export const createService = (d: Dockerode, spec: Json, signal?: AbortSignal) => call<{ id?: string; ID?: string; Warnings?: string[] }>(d, d.createService, { ...spec, abortSignal: signal });

export function inspectService(d: Dockerode, id: string, signal?: AbortSignal) {
  const service = d.getService(id);
  return call<RawObject>(service, service.inspect, { abortSignal: signal });
}
export function updateService(d: Dockerode, id: string, version: number, spec: Json, signal?: AbortSignal) {
  const service = d.getService(id);
  return call<{ Warnings?: string[] }>(service, service.update, { _query: { version }, _body: spec, abortSignal: signal });
}
export function removeService(d: Dockerode, id: string, signal?: AbortSignal) {
  const service = d.getService(id);
  return call<unknown>(service, service.remove, { abortSignal: signal });
}
