// What Compose v2 names and labels the objects of a project, so that `docker compose` sees Wharf's
// projects as its own and Wharf recognises what the Compose CLI (v1 or v2) made. Pure.
import 'server-only';

export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
  dependsOn: 'com.docker.compose.depends_on',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/** The version Wharf writes: Compose v2's label format (the CLI reads only the project's labels). */
export const WHARF_COMPOSE_VERSION = '2.0.0+wharf';

/** Where Wharf says a project's files are: Wharf keeps them in its database, not on the host. */
export const projectWorkingDir = (project: string) => `/wharf/projects/${project}`;
export const projectConfigFile = (project: string) => `${projectWorkingDir(project)}/compose.yaml`;

/** `<project>-<service>-<n>`, as Compose v2 names containers (v1 used "_"). */
export const containerName = (project: string, service: string, number: number) => `${project}-${service}-${number}`;
/** `<project>_<key>` for networks and volumes (v1 and v2 agree). */
export const scopedName = (project: string, key: string) => `${project}_${key}`;

export type Labels = Record<string, string>;

export function containerLabels(o: { project: string; service: string; number: number; configHash: string; dependsOn: string; workingDir?: string }): Labels {
  return {
    [LABEL.configHash]: o.configHash,
    [LABEL.number]: String(o.number),
    [LABEL.dependsOn]: o.dependsOn,
    [LABEL.oneoff]: 'False',
    [LABEL.project]: o.project,
    [LABEL.configFiles]: projectConfigFile(o.project),
    [LABEL.workingDir]: o.workingDir ?? projectWorkingDir(o.project),
    [LABEL.service]: o.service,
    [LABEL.version]: WHARF_COMPOSE_VERSION,
  };
}

export const networkLabels = (project: string, key: string): Labels => ({ [LABEL.network]: key, [LABEL.project]: project, [LABEL.version]: WHARF_COMPOSE_VERSION });
export const volumeLabels = (project: string, key: string): Labels => ({ [LABEL.project]: project, [LABEL.version]: WHARF_COMPOSE_VERSION, [LABEL.volume]: key });

/** Which Compose made an object, from its labels: v1 (docker-compose 1.x), v2, or not Compose at all. */
export function composeOrigin(labels: Labels | null | undefined): 'v1' | 'v2' | null {
  if (!labels || !labels[LABEL.project]) return null;
  return /^1\./.test(labels[LABEL.version] ?? '') ? 'v1' : 'v2';
}

/** A container Compose made for `run` (one-off): never part of a service's replicas. v1 wrote "True", v2 "True" too. */
export const isOneOff = (labels: Labels) => /^true$/i.test(labels[LABEL.oneoff] ?? '');
