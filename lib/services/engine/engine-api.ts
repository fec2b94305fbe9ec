// Typed calls that dockerode supports at runtime but whose published types lack an abort signal.
import type Dockerode from 'dockerode';

type Signal = { abortSignal?: AbortSignal };
type Call<T> = (this: Dockerode, options: Signal) => Promise<T>;

const call = <T>(docker: Dockerode, method: unknown, signal: AbortSignal | undefined): Promise<T> =>
  (method as Call<T>).call(docker, { abortSignal: signal });

export const ping = (docker: Dockerode, signal?: AbortSignal) => call<Buffer | string>(docker, docker.ping, signal);
export const info = (docker: Dockerode, signal?: AbortSignal) => call<Record<string, unknown>>(docker, docker.info, signal);
export const version = (docker: Dockerode, signal?: AbortSignal) => call<Dockerode.DockerVersion>(docker, docker.version, signal);
export const listVolumes = (docker: Dockerode, signal?: AbortSignal) => call<{ Volumes: unknown[] | null }>(docker, docker.listVolumes, signal);
export const listNetworks = (docker: Dockerode, signal?: AbortSignal) => call<unknown[]>(docker, docker.listNetworks, signal);
