// A compose project's history: one revision's file (with the names, never the values, of its
// variables and files), and going back to an earlier revision, which saves that revision's file and
// inputs as a new revision and brings it up, as `docker compose up` of the older file would.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import type { ProjectRevisionFile } from '@/lib/models/compose-projects/project-status.ts';
import { revisionFileOf } from '@/lib/models/stacks/revision-file.ts';
import type { ServiceDeps } from '../deps.ts';
import { openProjectInputs } from './project-inputs.ts';
import { requireStoredProject } from './project-host.ts';
import { saveProject } from './save-project.ts';
import { upProject, type UpProjectResult } from './up-project.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

async function findRevision(deps: Pick<ServiceDeps, 'db'>, hostId: string, name: string, number: number) {
  const revision = await deps.db.composeProjectRevision.findFirst({ where: { number, project: { hostId, name } } });
  if (!revision) throw new AppError('NOT_FOUND', msg('compose.errors.noRevision', { name, number }));
  return revision;
}

/** One revision as the page shows it: its file, and the names of its variables and files. */
export async function readProjectRevision(deps: Pick<ServiceDeps, 'db' | 'keyring'>, hostId: string, name: string, number: number): Promise<ProjectRevisionFile> {
  const revision = await findRevision(deps, hostId, name, number);
  const inputs = openProjectInputs(deps.keyring, revision.id, revision.inputsSealed);
  return revisionFileOf(revision, inputs);
}

export type RollbackProjectResult = { revision: number; up: UpProjectResult };

/**
 * Goes back to an earlier revision: its file and inputs become a new revision (marked as restored
 * from it) and that revision is brought up. Going back to the newest revision is refused: there is
 * nothing to go back to. A failed up leaves the new revision marked failed, as any up does.
 */
export async function rollbackProject(deps: Deps, actor: Actor, input: { hostId: string; name: string; toRevision: number }): Promise<RollbackProjectResult> {
  const stored = await requireStoredProject(deps, input.hostId, input.name);
  if (input.toRevision === stored.revision.number) throw new AppError('CONFLICT', msg('compose.errors.rollbackToNewest', { name: input.name, number: input.toRevision }));
  const revision = await findRevision(deps, input.hostId, input.name, input.toRevision);
  const inputs = openProjectInputs(deps.keyring, revision.id, revision.inputsSealed);
  const saved = await saveProject(deps, actor, { hostId: input.hostId, name: input.name, composeText: revision.composeText, profiles: stored.profiles, create: false, ...inputs }, { restoredFrom: revision.number });
  return { revision: saved.revision, up: await upProject(deps, actor, { hostId: input.hostId, name: input.name }) };
}
