// Reading what a host has of compose projects, and a stored project with its newest revision.
import 'server-only';
import { createHmac } from 'node:crypto';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';
import type { EngineApi } from '../engine/index.ts';
import { LABEL } from './compose-labels.ts';
import type { ExistingContainer } from './plan-up.ts';
import { openProjectInputs, type ProjectInputs } from './project-inputs.ts';
import type { ComposeProblem } from '@/lib/services/stacks/compose/compose-path.ts';
import { readProject, type ComposeProject, type ReadProjectInput } from './read-project.ts';

/** Every container Compose labelled on the host, or only one project's. */
export async function composeContainers(api: EngineApi, project?: string): Promise<ExistingContainer[]> {
  const list = await api.listContainers({ all: true, filters: { label: [project ? `${LABEL.project}=${project}` : LABEL.project] } });
  return list.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), labels: c.Labels ?? {}, state: c.State ?? '' }));
}

export type StoredProject = {
  id: string;
  hostId: string;
  name: string;
  profiles: string[];
  scales: Record<string, number>;
  /** The key of its secrets' and configs' digests: derived from the current secret key, so a
   * rotation recreates the containers that have such files once (project-files.ts). */
  digestKey: string;
  /** Its working directory on the host (relative binds resolve against it), or null. */
  workingDir: string | null;
  revision: { id: string; number: number; composeText: string; outcome: string } & ProjectInputs;
};

export async function findStoredProject(deps: Pick<ServiceDeps, 'db' | 'keyring'>, hostId: string, name: string): Promise<StoredProject | null> {
  const row = await deps.db.composeProject.findUnique({ where: { hostId_name: { hostId, name } }, include: { revisions: { orderBy: { number: 'desc' }, take: 1 } } });
  const revision = row?.revisions[0];
  if (!row || !revision) return null;
  const inputs = openProjectInputs(deps.keyring, revision.id, revision.inputsSealed);
  return {
    id: row.id,
    hostId,
    name,
    profiles: row.profiles,
    scales: (row.scales ?? {}) as Record<string, number>,
    workingDir: row.workingDir,
    digestKey: createHmac('sha256', deps.keyring.current.key).update(`compose-project-files:${row.id}`).digest('hex'),
    revision: { id: revision.id, number: revision.number, composeText: revision.composeText, outcome: revision.outcome, ...inputs },
  };
}

export async function requireStoredProject(deps: Pick<ServiceDeps, 'db' | 'keyring'>, hostId: string, name: string): Promise<StoredProject> {
  const found = await findStoredProject(deps, hostId, name);
  if (!found) throw new AppError('NOT_FOUND', msg('compose.errors.notKept', { name }));
  return found;
}

/** A project read from its file, or the file's problems as an error the editor shows inline. */
export function readProjectOrRefuse(input: ReadProjectInput): { project: ComposeProject; problems: ComposeProblem[] } {
  const { project, problems } = readProject(input);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!project) throw new AppError('INVALID_INPUT', errors[0] === undefined ? msg('compose.errors.fileUnreadable') : msg('compose.errors.fileProblems', { count: errors.length, first: errors[0].said }), { problems });
  return { project, problems };
}

/** The stored project read again (see readProjectOrRefuse). */
export const parsedProject = (stored: StoredProject): ComposeProject =>
  readProjectOrRefuse({ projectName: stored.name, composeText: stored.revision.composeText, variables: stored.revision.variables, files: stored.revision.files, profiles: stored.profiles, digestKey: stored.digestKey, workingDir: stored.workingDir }).project;
