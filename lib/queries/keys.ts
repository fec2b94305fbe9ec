// Query keys. Everything about one host lives under ['hosts', hostId, …] so that an event from
// that engine refreshes exactly that host's data; everything about swarms under ['swarms', …]
// (the list is ['swarms'] itself), so one invalidation of that prefix refreshes every swarm view.
export const queryKeys = {
  // A registry's repositories and tags live under ['registries', id] (a change refreshes that registry's views).
  registryList: ['registries', 'list'] as const,
  registryUsage: (registryId: string) => ['registries', registryId, 'usage'] as const,
  registryRepositories: (registryId: string) => ['registries', registryId, 'repositories'] as const,
  registryTags: (registryId: string, repository: string) => ['registries', registryId, 'tags', repository] as const,
  // Update checks: outside ['hosts', …] and ['swarms', …], so engine events do not ask registries again.
  imageUpdatesOfHost: (hostId: string) => ['image-updates', 'host', hostId] as const,
  imageUpdatesOfSwarm: (swarmId: string) => ['image-updates', 'swarm', swarmId] as const,
  hostList: ['host-list'] as const,
  // History charts: refetched on their own clock (lib/queries/use-history.ts), not by engine events.
  history: (kind: 'host' | 'node' | 'service', id: string, range: 'hour' | 'day') => ['history', kind, id, range] as const,
  historyOverview: ['history', 'overview'] as const,
  host: (hostId: string) => ['hosts', hostId] as const,
  hostDetail: (hostId: string) => ['hosts', hostId, 'detail'] as const,
  // The docker CLI bundles issued for a provisioned host (a revocation changes the host too).
  hostBundles: (hostId: string) => ['hosts', hostId, 'cli-bundles'] as const,
  swarmList: ['swarms'] as const,
  swarm: (swarmId: string) => ['swarms', swarmId] as const,
  swarmOverview: (swarmId: string) => ['swarms', swarmId, 'overview'] as const,
  swarmNode: (swarmId: string, nodeId: string) => ['swarms', swarmId, 'node', nodeId] as const,
  swarmVisualizer: (swarmId: string) => ['swarms', swarmId, 'visualizer'] as const,
  stackList: (swarmId: string) => ['swarms', swarmId, 'stacks'] as const,
  stack: (swarmId: string, stackName: string) => ['swarms', swarmId, 'stacks', stackName] as const,
  stackDeploy: (swarmId: string, stackName: string) => ['swarms', swarmId, 'stacks', stackName, 'deploy'] as const,
  stackRevision: (swarmId: string, stackName: string, revision: number) => ['swarms', swarmId, 'stacks', stackName, 'revision', revision] as const,
  serviceList: (swarmId: string) => ['swarms', swarmId, 'services'] as const,
  service: (swarmId: string, serviceId: string) => ['swarms', swarmId, 'services', serviceId] as const,
  swarmObjects: (swarmId: string, kind: 'secrets' | 'configs' | 'networks' | 'volumes') => ['swarms', swarmId, 'objects', kind] as const,
  // Containers of every host in one list: refreshed on any host's container event (live-updates.tsx).
  containersAll: ['containers-all'] as const,
  hostContainers: (hostId: string) => ['hosts', hostId, 'containers'] as const,
  container: (hostId: string, containerId: string) => ['hosts', hostId, 'containers', containerId] as const,
  hostProjects: (hostId: string) => ['hosts', hostId, 'projects'] as const,
  project: (hostId: string, name: string) => ['hosts', hostId, 'projects', name] as const,
  projectRevision: (hostId: string, name: string, revision: number) => ['hosts', hostId, 'projects', name, 'revision', revision] as const,
  hostResources: (hostId: string, kind: 'images' | 'volumes' | 'networks') => ['hosts', hostId, kind] as const,
  // Images, volumes or networks of every host in one list: refreshed on any host's engine event (live-updates.tsx).
  resourcesAll: (kind: 'images' | 'volumes' | 'networks') => ['resources-all', kind] as const,
  // A prune's dry run: outside ['hosts', …] so live events do not change a list awaiting confirmation.
  prunePlan: (hostId: string, kind: 'images' | 'volumes' | 'networks', mode: string) => ['prune-plan', hostId, kind, mode] as const,
  pullJob: (hostId: string, jobId: string) => ['hosts', hostId, 'images', 'pulls', jobId] as const,
  // Provisioning runs: the list is ['provision-jobs'] itself, one run ['provision-jobs', jobId].
  provisionJobs: ['provision-jobs'] as const,
  provisionJob: (jobId: string) => ['provision-jobs', jobId] as const,
  cloudCredentials: ['cloud-credentials'] as const,
  // What DigitalOcean offers through one account (regions, sizes, images): read once, kept a while.
  digitalOceanCatalogue: (credentialId: string) => ['digitalocean-catalogue', credentialId] as const,
};
