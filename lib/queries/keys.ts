// Query keys. Everything about one host lives under ['hosts', hostId, …] so that an event from
// that engine refreshes exactly that host's data.
export const queryKeys = {
  hostList: ['host-list'] as const,
  host: (hostId: string) => ['hosts', hostId] as const,
  hostDetail: (hostId: string) => ['hosts', hostId, 'detail'] as const,
};
