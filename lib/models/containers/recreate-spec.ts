// A container again, from what inspecting it answers: the create body that gives a new container
// the same configuration (its image reference, so a newer image under the tag is used), the
// networks to join after creating it (an engine takes one network at create), and its anonymous
// volumes carried over (what `docker compose up` does when it recreates), so their data stays.
// Pure.

type Json = Record<string, unknown>;
type Endpoint = { Aliases?: string[] | null; IPAMConfig?: Json | null; Links?: string[] | null; DriverOpts?: Json | null };
type Mount = { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean };

export type InspectForRecreate = {
  Id: string;
  Name: string;
  Config?: Json & { Image?: string; Hostname?: string };
  HostConfig?: Json & { NetworkMode?: string; Binds?: string[] | null; Mounts?: { Source?: string; Target?: string }[] | null };
  NetworkSettings?: { Networks?: Record<string, Endpoint> | null } | null;
  Mounts?: Mount[] | null;
};

export type RecreateSpec = { name: string; image: string; body: Json; joins: { network: string; aliases: string[] }[] };

/** Networks that are the engine's own modes, not networks a container joins by name. */
const MODES = new Set(['default', 'bridge', 'host', 'none']);

const endpoint = (e: Endpoint, shortId: string): Json => ({
  ...(e.Aliases?.filter((a) => a !== shortId).length ? { Aliases: e.Aliases.filter((a) => a !== shortId) } : {}),
  ...(e.IPAMConfig ? { IPAMConfig: e.IPAMConfig } : {}),
  ...(e.Links?.length ? { Links: e.Links } : {}),
  ...(e.DriverOpts ? { DriverOpts: e.DriverOpts } : {}),
});

/** Volumes the engine made for the image's VOLUME lines (named by it, not by the user). */
export function anonymousVolumes(inspect: InspectForRecreate): { name: string; target: string }[] {
  const named = new Set([...(inspect.HostConfig?.Binds ?? []).map((b) => b.split(':')[0]), ...(inspect.HostConfig?.Mounts ?? []).map((m) => m.Source ?? '')]);
  const targets = new Set([...(inspect.HostConfig?.Binds ?? []).map((b) => b.split(':')[1]), ...(inspect.HostConfig?.Mounts ?? []).map((m) => m.Target ?? '')]);
  return (inspect.Mounts ?? [])
    .filter((m) => m.Type === 'volume' && m.Name && m.Destination && !named.has(m.Name) && !targets.has(m.Destination))
    .map((m) => ({ name: m.Name!, target: m.Destination! }));
}

export function recreateSpec(inspect: InspectForRecreate): RecreateSpec {
  const name = inspect.Name.replace(/^\//, '');
  const shortId = inspect.Id.slice(0, 12);
  const { Hostname, MacAddress: _mac, ...config } = inspect.Config ?? {};
  const hostConfig = { ...(inspect.HostConfig ?? {}) };
  const anonymous = anonymousVolumes(inspect);
  if (anonymous.length) hostConfig.Mounts = [...(inspect.HostConfig?.Mounts ?? []), ...anonymous.map((v) => ({ Type: 'volume', Source: v.name, Target: v.target }))];
  const mode = String(hostConfig.NetworkMode ?? 'default');
  const networks = Object.entries(inspect.NetworkSettings?.Networks ?? {});
  const first = networks.find(([n]) => n === mode);
  const joinable = (n: string) => !MODES.has(n) && !mode.startsWith('container:');
  return {
    name,
    image: String(config.Image ?? ''),
    body: {
      ...config,
      // The engine names a container's host after its id unless told otherwise: a new id, a new name.
      ...(Hostname && Hostname !== shortId ? { Hostname } : {}),
      HostConfig: hostConfig,
      ...(first && joinable(first[0]) ? { NetworkingConfig: { EndpointsConfig: { [first[0]]: endpoint(first[1], shortId) } } } : {}),
    },
    joins: networks.filter(([n]) => n !== mode && joinable(n)).map(([network, e]) => ({ network, aliases: (e.Aliases ?? []).filter((a) => a !== shortId) })),
  };
}

/** The name the old container is kept under while its successor starts. */
export const setAsideName = (name: string, stamp: string): string => `${name}-wharf-old-${stamp}`.slice(0, 120);
