// A stack's history: one revision's file and inputs, and going back to an earlier one (which is a
// new deploy of that revision's file and inputs, kept as a new revision).
import 'server-only';
import { AppError, localizeText } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { deployStack, type DeployStackResult } from './deploy-stack.ts';
import { openInputs } from './stack-inputs.ts';
import { revisionFileOf, type RevisionFile } from '@/lib/models/stacks/revision-file.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'deploys'>;

export type RevisionView = RevisionFile & { message: string | null };

async function findRevision(deps: Pick<ServiceDeps, 'db'>, swarmId: string, stackName: string, number: number) {
  const revision = await deps.db.stackRevision.findUnique({ where: { swarmId_stackName_number: { swarmId, stackName, number } } });
  if (!revision) throw new AppError('NOT_FOUND', msg('stacks.errors.noRevision', { name: stackName, number }));
  return revision;
}

/** A revision as the UI shows it: the file, and the names (never the values) of its variables and files;
 * its stored message said in `locale`. */
export async function readRevision(deps: Pick<ServiceDeps, 'db' | 'keyring'>, swarmId: string, stackName: string, number: number, locale: Locale = DEFAULT_LOCALE): Promise<RevisionView> {
  const revision = await findRevision(deps, swarmId, stackName, number);
  const inputs = openInputs(deps.keyring, revision.id, revision.inputsSealed);
  return { ...revisionFileOf(revision, inputs), message: revision.message === null ? null : localizeText(revision.message, locale) };
}

export async function rollbackStack(deps: Deps, actor: Actor, input: { swarmId: string; stackName: string; toRevision: number }): Promise<DeployStackResult> {
  const revision = await findRevision(deps, input.swarmId, input.stackName, input.toRevision);
  const inputs = openInputs(deps.keyring, revision.id, revision.inputsSealed);
  return deployStack(deps, actor, { swarmId: input.swarmId, stackName: input.stackName, composeText: revision.composeText, ...inputs }, { restoredFrom: revision.number });
}
