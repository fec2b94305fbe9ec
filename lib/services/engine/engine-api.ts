// The one door to an engine's API: a typed method for every request Wharf makes, all bound to one
// abort signal, answering the engine's own JSON (engine-types.ts) and node streams. Failures are
// the engine's or the transport's, untranslated: hostEngine() and callManager() hand an EngineApi
// to services and turn failures into AppErrors (translate-engine-error.ts).
import 'server-only';
import path from 'node:path';
import type { Duplex, Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { pack } from 'tar-stream';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';
import { callMethod, dialModem } from './call-dockerode.ts';
import type {
  ContainerInspect, ContainerStats, ContainerSummary, ContainerTop, ContainerVerb, ExecCreate, ExecInspect, Filters, ImageSummary, Json, LogRequest, Network,
  RegistryAuth, SwarmConfig, SwarmInspect, SwarmNode, SwarmRotation, SwarmSecret, SwarmService, SwarmTask, SystemInfo, SystemVersion, Volume,
} from './engine-types.ts';

const withFilters = (filters: Filters | undefined): Json => (filters ? { filters: JSON.stringify(filters) } : {});

// Create and update endpoints whose paths end in "?" would get the whole options object as their
// query string as well as their body (secret data, environment values in a URL). An explicit
// _query (empty, or just what belongs there) and a _body prevent that.
const bodyOnly = (body: Json, query: Json = {}): Json => ({ _query: query, _body: body });

/** The answers a stream request may get, named for the errors dockerode makes of them. */
const STREAM_ANSWERS = { 200: true, 404: 'no such container or service', 500: 'server error', 503: 'node is not part of a swarm' };

/** A regular file the console made itself (a compose project's secret or config), for writeFilesBeforeStart. */
export type ContainerFile = { target: string; content: string; uid: number; gid: number; mode: number };

/** The bounds of writeFilesBeforeStart, checked again here whatever the caller checked. */
function checkContainerFile(file: ContainerFile): void {
  const { target, uid, gid, mode } = file;
  const plain = target.startsWith('/') && target !== '/' && !target.endsWith('/') && !target.split('/').includes('..') && path.posix.normalize(target) === target && !hasControlCharacter(target);
  const owner = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
  if (!plain || !owner(uid) || !owner(gid) || !Number.isInteger(mode) || mode < 0 || mode > 0o777) throw new Error(`refused to write "${target}" into a container: not a plain absolute file path with an owner and mode`);
}

/** The id a create answered, whichever object dockerode made of it. */
const idOf = (created: { id?: string; ID?: string; Id?: string }): string => created.ID ?? created.Id ?? created.id ?? '';

export class EngineApi {
  constructor(
    private readonly docker: Dockerode,
    private readonly signal?: AbortSignal,
  ) {}

  private send<T>(target: object, method: unknown, options: Json = {}): Promise<T> {
    return callMethod<T>(target, method, options, this.signal);
  }

  private stream(path: string, options: Json, statusCodes: Json = STREAM_ANSWERS): Promise<Readable> {
    return dialModem<Readable>(this.docker.modem, { path, method: 'GET', options, isStream: true, statusCodes }, this.signal);
  }

  // System

  /** The engine's answer to GET /_ping ("OK" from Docker). */
  async ping(): Promise<string> {
    const answer = await this.send<Buffer | string>(this.docker, this.docker.ping);
    return Buffer.isBuffer(answer) ? answer.toString('utf8') : String(answer);
  }
  info(): Promise<SystemInfo> {
    return this.send(this.docker, this.docker.info);
  }
  version(): Promise<SystemVersion> {
    return this.send(this.docker, this.docker.version);
  }
  /** GET /events, followed until the stream is destroyed (or the signal aborts); with `until`, the engine ends it there. */
  events(query: { filters?: Filters; since?: string; until?: string } = {}): Promise<Readable> {
    return this.stream('/events?', { ...withFilters(query.filters), ...(query.since ? { since: query.since } : {}), ...(query.until ? { until: query.until } : {}) }, { 200: true, 400: 'bad parameter', 500: 'server error' });
  }

  // Containers

  listContainers(query: { all: boolean; filters?: Filters }): Promise<ContainerSummary[]> {
    return this.send(this.docker, this.docker.listContainers, { all: query.all, ...withFilters(query.filters) });
  }
  inspectContainer(id: string): Promise<ContainerInspect> {
    const container = this.docker.getContainer(id);
    return this.send(container, container.inspect);
  }
  /** Creates a container from a create body; answers its id. */
  async createContainer(body: Json, name?: string): Promise<string> {
    return idOf(await this.send(this.docker, this.docker.createContainer, bodyOnly(body, name ? { name } : {})));
  }
  /** Starts, stops, restarts, kills, pauses or unpauses; false when it already was in that state (HTTP 304). */
  async changeContainerState(id: string, verb: ContainerVerb): Promise<boolean> {
    const container = this.docker.getContainer(id);
    const method = { start: container.start, stop: container.stop, restart: container.restart, kill: container.kill, pause: container.pause, unpause: container.unpause }[verb];
    try {
      await this.send(container, method);
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 304) return false;
      throw error;
    }
  }
  async renameContainer(id: string, name: string): Promise<void> {
    const container = this.docker.getContainer(id);
    await this.send(container, container.rename, { name });
  }
  async removeContainer(id: string, options: { force: boolean; volumes: boolean }): Promise<void> {
    const container = this.docker.getContainer(id);
    await this.send(container, container.remove, { v: options.volumes, force: options.force });
  }
  /**
   * The console's one archive upload (docs/security.md, case 11): regular files it built itself,
   * packed here, written into a container that has never started — a compose project's secrets and
   * configs, as Compose v2 copies them in before the first start. Absolute paths without "..", no
   * directories, links or devices, no setuid bits; owners and modes as given (the engine keeps the
   * archive's uid and gid). Refused for a container that is or was running.
   */
  async writeFilesBeforeStart(id: string, files: ContainerFile[]): Promise<void> {
    files.forEach(checkContainerFile);
    const state = (await this.inspectContainer(id)).State;
    if (state?.Status !== 'created' || (state.StartedAt && !state.StartedAt.startsWith('0001-'))) throw new Error('refused to write files into a container that has started');
    const tar = pack();
    for (const file of files) {
      const body = Buffer.from(file.content, 'utf8');
      tar.entry({ name: file.target.slice(1), type: 'file', size: body.length, mode: file.mode, uid: file.uid, gid: file.gid, mtime: new Date() }, body);
    }
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of tar) chunks.push(Buffer.from(chunk as Uint8Array));
    const container = this.docker.getContainer(id);
    await callMethod(container, container.putArchive, { path: '/' }, this.signal, [Buffer.concat(chunks)]);
  }
  /** The container's processes (as `ps psArgs` when given). */
  topContainer(id: string, psArgs?: string): Promise<ContainerTop> {
    const container = this.docker.getContainer(id);
    return this.send(container, container.top, psArgs ? { ps_args: psArgs } : {});
  }
  /** The raw log stream: multiplexed (8-byte frame headers) unless the container has a TTY. */
  containerLogs(id: string, query: LogRequest): Promise<Readable> {
    return this.stream(`/containers/${encodeURIComponent(id)}/logs?`, query);
  }
  /** A stats document a second, until the stream is destroyed. */
  containerStats(id: string): Promise<Readable> {
    const container = this.docker.getContainer(id);
    return this.send(container, container.stats, { stream: true });
  }
  /** One stats document (the engine takes two readings a second apart for it). */
  containerStatsOnce(id: string): Promise<ContainerStats> {
    const container = this.docker.getContainer(id);
    return this.send(container, container.stats, { stream: false });
  }
  /** One stats document read at once (`one-shot`: no second reading, so no `precpu_stats`; the caller keeps the previous one). */
  containerStatsOneShot(id: string): Promise<ContainerStats> {
    const container = this.docker.getContainer(id);
    return this.send(container, container.stats, { stream: false, 'one-shot': true });
  }

  // Exec

  /** Creates an exec in a container; answers its id. */
  async createExec(containerId: string, exec: ExecCreate): Promise<string> {
    const container = this.docker.getContainer(containerId);
    return idOf(await this.send(container, container.exec, exec));
  }
  /** Starts an exec with a TTY and stdin: the engine's hijacked connection, both ways, raw. */
  startExecHijacked(execId: string): Promise<Duplex> {
    const exec = this.docker.getExec(execId);
    return this.send(exec, exec.start, { hijack: true, stdin: true, Tty: true });
  }
  /** Starts an exec without stdin: its (multiplexed) output until it ends. */
  startExec(execId: string): Promise<Readable> {
    const exec = this.docker.getExec(execId);
    return this.send(exec, exec.start);
  }
  async resizeExec(execId: string, size: { cols: number; rows: number }): Promise<void> {
    const exec = this.docker.getExec(execId);
    await this.send(exec, exec.resize, { h: size.rows, w: size.cols });
  }
  inspectExec(execId: string): Promise<ExecInspect> {
    const exec = this.docker.getExec(execId);
    return this.send(exec, exec.inspect);
  }

  // Images

  listImages(): Promise<ImageSummary[]> {
    return this.send(this.docker, this.docker.listImages);
  }
  async removeImage(id: string, options: { force: boolean }): Promise<void> {
    const image = this.docker.getImage(id);
    await this.send(image, image.remove, options.force ? { force: true } : {});
  }
  /** Pulls an image, each line of the engine's progress given to `onProgress`; resolves when the
   * stream ends (a line with `error` is the pull's failure: the caller reads it). `auth`: the
   * registry's credentials (sent as X-Registry-Auth), or none for an anonymous pull. */
  async pullImage(reference: string, onProgress: (line: Json) => void, auth?: RegistryAuth): Promise<void> {
    const progress = await callMethod<NodeJS.ReadableStream>(this.docker, this.docker.pull, auth ? { authconfig: auth } : {}, this.signal, [reference]);
    await new Promise<void>((resolve, reject) => this.docker.modem.followProgress(progress, (error: Error | null) => (error ? reject(error) : resolve()), onProgress));
  }

  /** One image by name or id (NOT_FOUND when the engine has none). */
  async inspectImage(reference: string): Promise<{ Id: string; RepoTags?: string[] | null }> {
    const image = this.docker.getImage(reference);
    return this.send(image, image.inspect);
  }
  /** Gives an image on this engine another name (`repository:tag`), as `docker tag` does. */
  async tagImage(source: string, repository: string, tag: string): Promise<void> {
    const image = this.docker.getImage(source);
    await this.send(image, image.tag, { repo: repository, tag });
  }
  /** Pushes `repository:tag`, each progress line given to `onProgress`; resolves when the stream
   * ends (a line with `error` is the push's failure: the caller reads it). `auth` is sent as
   * X-Registry-Auth (the engine refuses a push without one, even an anonymous one). */
  async pushImage(repository: string, tag: string, onProgress: (line: Json) => void, auth?: RegistryAuth): Promise<void> {
    const image = this.docker.getImage(repository);
    const progress = await this.send<NodeJS.ReadableStream>(image, image.push, { tag, authconfig: auth ?? {} });
    await new Promise<void>((resolve, reject) => this.docker.modem.followProgress(progress, (error: Error | null) => (error ? reject(error) : resolve()), onProgress));
  }

  // Volumes

  async listVolumes(filters?: Filters): Promise<Volume[]> {
    const answer = await this.send<{ Volumes?: Volume[] | null } | null>(this.docker, this.docker.listVolumes, withFilters(filters));
    return answer?.Volumes ?? [];
  }
  /** Creates a volume from its spec (Name, Driver, DriverOpts, Labels); answers its name. */
  async createVolume(spec: Json): Promise<string> {
    const answer = await this.send<{ Name?: string } | null>(this.docker, this.docker.createVolume, spec);
    return answer?.Name ?? String(spec.Name ?? '');
  }
  removeVolume(name: string): Promise<void> {
    return this.remove(this.docker.getVolume(name));
  }
  /** One volume by its exact name, with its driver and options. */
  inspectVolume(name: string): Promise<Volume> {
    const volume = this.docker.getVolume(name);
    return this.send(volume, volume.inspect);
  }

  // Networks

  listNetworks(filters?: Filters): Promise<Network[]> {
    return this.send(this.docker, this.docker.listNetworks, withFilters(filters));
  }
  /** One network by id, name or id prefix, resolved by the engine as a create would (on a manager,
   * the swarm's own copies of host and bridge too, which the list leaves out). */
  inspectNetwork(ref: string): Promise<Network> {
    const network = this.docker.getNetwork(ref);
    return this.send(network, network.inspect);
  }
  /** Creates a network from its spec; answers its id. */
  createNetwork(spec: Json): Promise<string> {
    return this.create(this.docker.createNetwork, spec);
  }
  /** Joins a container to a network, with its aliases there. */
  async connectNetwork(network: string, container: string, aliases: string[]): Promise<void> {
    const target = this.docker.getNetwork(network);
    await this.send(target, target.connect, { Container: container, EndpointConfig: { Aliases: aliases } });
  }
  removeNetwork(id: string): Promise<void> {
    return this.remove(this.docker.getNetwork(id));
  }

  // Swarm

  inspectSwarm(): Promise<SwarmInspect> {
    return this.send(this.docker, this.docker.swarmInspect);
  }
  /** POST /swarm/init; answers the new node's id. */
  initSwarm(request: Json): Promise<string> {
    return this.send(this.docker, this.docker.swarmInit, request);
  }
  async joinSwarm(request: Json): Promise<void> {
    await this.send(this.docker, this.docker.swarmJoin, request);
  }
  async leaveSwarm(force: boolean): Promise<void> {
    await this.send(this.docker, this.docker.swarmLeave, { force });
  }
  async updateSwarm(version: number, spec: Json, rotate: SwarmRotation = {}): Promise<void> {
    const query = { version, rotateWorkerToken: !!rotate.worker, rotateManagerToken: !!rotate.manager, rotateManagerUnlockKey: !!rotate.unlockKey };
    await this.send(this.docker, this.docker.swarmUpdate, bodyOnly(spec, query));
  }
  /** GET /swarm/unlockkey: the key that unlocks an autolocked manager. */
  async swarmUnlockKey(): Promise<string> {
    const answer = await dialModem<{ UnlockKey?: string }>(this.docker.modem, { path: '/swarm/unlockkey', method: 'GET', statusCodes: { 200: true, 500: 'server error', 503: 'node is not part of a swarm' } }, this.signal);
    return answer.UnlockKey ?? '';
  }

  // Nodes and tasks

  listNodes(): Promise<SwarmNode[]> {
    return this.send(this.docker, this.docker.listNodes);
  }
  inspectNode(id: string): Promise<SwarmNode> {
    const node = this.docker.getNode(id);
    return this.send(node, node.inspect);
  }
  updateNode(id: string, version: number, spec: Json): Promise<void> {
    return this.update(this.docker.getNode(id), version, spec);
  }
  async removeNode(id: string, force: boolean): Promise<void> {
    const node = this.docker.getNode(id);
    await this.send(node, node.remove, { force });
  }
  listTasks(filters: Filters): Promise<SwarmTask[]> {
    return this.send(this.docker, this.docker.listTasks, withFilters(filters));
  }

  // Services

  /** Services, with running and desired task counts when `status` is asked for. */
  listServices(query: { status?: boolean; filters?: Filters } = {}): Promise<SwarmService[]> {
    return this.send(this.docker, this.docker.listServices, { ...withFilters(query.filters), ...(query.status ? { status: true } : {}) });
  }
  inspectService(id: string): Promise<SwarmService> {
    const service = this.docker.getService(id);
    return this.send(service, service.inspect);
  }
  /** Creates a service from its spec; answers its id. `auth`: registry credentials the swarm hands to
   * the nodes that pull the image (what --with-registry-auth sends). */
  async createService(spec: Json, auth?: RegistryAuth): Promise<string> {
    return idOf(await callMethod(this.docker, this.docker.createService, spec, this.signal, [auth]));
  }
  /** Updates a service to `spec`; answers the engine's warnings. `auth` as for createService. */
  async updateService(id: string, version: number, spec: Json, auth?: RegistryAuth): Promise<string[]> {
    return this.serviceUpdate(id, { version }, spec, auth);
  }
  /** POST /services/{id}/update?rollback=previous: the engine restores the previous spec itself. */
  async rollbackService(id: string, version: number, spec: Json): Promise<string[]> {
    return this.serviceUpdate(id, { version, rollback: 'previous' }, spec);
  }
  private async serviceUpdate(id: string, query: Json, spec: Json, auth?: RegistryAuth): Promise<string[]> {
    const service = this.docker.getService(id);
    const answer = await callMethod<{ Warnings?: string[] | null } | null>(service, service.update, bodyOnly(spec, query), this.signal, [auth]);
    return answer?.Warnings ?? [];
  }
  removeService(id: string): Promise<void> {
    return this.remove(this.docker.getService(id));
  }
  /** Every task's lines merged; with `details`, each line says its task and node. */
  serviceLogs(id: string, query: LogRequest): Promise<Readable> {
    return this.stream(`/services/${encodeURIComponent(id)}/logs?`, query);
  }

  // Secrets and configs: the same endpoints under /secrets and /configs. Only their labels may
  // change in place.

  listSecrets(filters?: Filters): Promise<SwarmSecret[]> {
    return this.send(this.docker, this.docker.listSecrets, withFilters(filters));
  }
  createSecret(spec: Json): Promise<string> {
    return this.create(this.docker.createSecret, spec);
  }
  updateSecret(id: string, version: number, spec: Json): Promise<void> {
    return this.update(this.docker.getSecret(id), version, spec);
  }
  removeSecret(id: string): Promise<void> {
    return this.remove(this.docker.getSecret(id));
  }
  listConfigs(filters?: Filters): Promise<SwarmConfig[]> {
    return this.send(this.docker, this.docker.listConfigs, withFilters(filters));
  }
  createConfig(spec: Json): Promise<string> {
    return this.create(this.docker.createConfig, spec);
  }
  updateConfig(id: string, version: number, spec: Json): Promise<void> {
    return this.update(this.docker.getConfig(id), version, spec);
  }
  removeConfig(id: string): Promise<void> {
    return this.remove(this.docker.getConfig(id));
  }

  // The shapes most objects share.

  /** POST /<kind>/create with `spec` as the body only; answers the new object's id. */
  private async create(method: unknown, spec: Json): Promise<string> {
    return idOf(await this.send(this.docker, method, bodyOnly(spec)));
  }
  /** POST /<kind>/{id}/update?version=…, with `spec` as the body only. */
  private async update(object: { update: unknown }, version: number, spec: Json): Promise<void> {
    await this.send(object, object.update, bodyOnly(spec, { version }));
  }
  private async remove(object: { remove: unknown }): Promise<void> {
    await this.send(object, object.remove);
  }
}
