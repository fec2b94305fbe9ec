// Keeps a compose project's file, variables and files as a new revision (the variables and files
// sealed), after reading it the way up will: a file with problems is refused with them, line and
// column included, and nothing is stored. A new project's name must be free on the host, in Wharf
// and among the projects the Compose CLI made there.
import 'server-only';
import { ownerForCreate } from '../access/owner-for-create.ts';
import { columnsOfOwner } from './project-owner.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited, recordAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { newId } from '@/lib/db/new-id.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { composeContainers, readProjectOrRefuse } from './project-host.ts';
import { openProjectInputs, sealProjectInputs, type ProjectInputs } from './project-inputs.ts';
import { validateProjectName } from './project-name.ts';
import { inheritProjectInputs } from './kept-inputs.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export type SaveProjectInput = {
  hostId: string;
  name: string;
  composeText: string;
  profiles: string[];
  /** true for a new project: its name must be free */
  create: boolean;
  /** An edit of this revision: its variables and files not given again are kept (see withInherited). */
  inheritFrom?: number;
  /** The team a new project is made for (absent: the user's only team, or none). */
  teamId?: string | null;
  /** Its working directory on the host ('' or null: none); absent: a saved project keeps its own. */
  workingDir?: string | null;
} & ProjectInputs;

/**
 * An edit keeps the base revision's variables and files that are not given again (the editor shows
 * their names, never their values), but only where that revision used them: otherwise an editor
 * could print a kept value into a label or a command and read it back (kept-inputs.ts).
 * Refused, audited, before anything is stored.
 */
async function withInherited(deps: Deps, actor: Actor, input: SaveProjectInput, hostName: string): Promise<SaveProjectInput> {
  if (input.create || !input.inheritFrom) return input;
  const base = await deps.db.composeProjectRevision.findFirst({ where: { number: input.inheritFrom, project: { hostId: input.hostId, name: input.name } } });
  if (!base) throw new AppError('NOT_FOUND', msg('compose.errors.noRevision', { name: input.name, number: input.inheritFrom }));
  const { merged, problems } = inheritProjectInputs(input, { number: base.number, composeText: base.composeText, ...openProjectInputs(deps.keyring, base.id, base.inputsSealed) }, input);
  if (problems.length === 0) return { ...input, ...merged };
  const details = problems.map((p) => p.said).reduce((first, rest) => msg('composeChecks.joined', { first, rest }));
  const refused = new AppError('FORBIDDEN', msg('compose.errors.misplacedInputs', { count: problems.length, number: base.number, details }), { problems });
  await recordAudit(deps.db, { subject: subjectOf(actor), action: 'project.save', target: projectTarget(input, hostName), result: 'denied', message: refused.message });
  throw refused;
}

const projectTarget = (input: { hostId: string; name: string }, hostName: string) => ({ type: 'compose-project', id: `${input.hostId}/${input.name}`, name: `${input.name} on ${hostName}` });

export async function saveProject(deps: Deps, actor: Actor, given: SaveProjectInput, options: { restoredFrom?: number } = {}): Promise<{ name: string; revision: number; warnings: number }> {
  const engine = await hostEngine(deps, given.hostId);
  // An unsafe name is refused by the reader below, before it reaches a query.
  const existing = validateProjectName(given.name) ? null : await deps.db.composeProject.findUnique({ where: { hostId_name: { hostId: given.hostId, name: given.name } }, select: { id: true, workingDir: true } });
  const workingDir = given.workingDir === undefined ? (existing?.workingDir ?? null) : given.workingDir || null;
  const input = await withInherited(deps, actor, { ...given, workingDir }, engine.hostName);
  const { problems } = readProjectOrRefuse({ projectName: input.name, composeText: input.composeText, variables: input.variables, files: input.files, profiles: input.profiles, workingDir });
  if (input.create) {
    if (existing) throw new AppError('CONFLICT', msg('compose.errors.nameTaken', { name: input.name, host: engine.hostName }), { fieldErrors: { name: [issueText('compose.errors.nameTakenField')] } });
    const cli = await engine.call(msg('engineText.doing.lookForProject', { name: input.name }), (api) => composeContainers(api, input.name));
    if (cli.length > 0) throw new AppError('CONFLICT', msg('compose.errors.cliUsesName', { name: input.name, host: engine.hostName, count: cli.length }), { fieldErrors: { name: [issueText('compose.errors.cliUsesNameField')] } });
  } else if (!existing) {
    throw new AppError('NOT_FOUND', msg('compose.errors.notKeptOn', { name: input.name, host: engine.hostName }));
  }
  const target = projectTarget(input, engine.hostName);
  // A new project is made for a team (its row records the owner; its containers are owned as it is).
  const owner = input.create ? await ownerForCreate(deps, actor, given.teamId) : null;
  const action = input.create ? 'project.create' : options.restoredFrom ? 'project.rollback' : 'project.save';
  return audited(deps.db, subjectOf(actor), action, target, async () => {
    return deps.db.$transaction(async (tx) => {
      const row = existing ?? (await tx.composeProject.create({ data: { id: newId(), hostId: input.hostId, name: input.name, profiles: input.profiles, workingDir, ...columnsOfOwner(owner) } }));
      // A new file starts again from its own scales (a scale chosen in the console was for the file before).
      if (existing) await tx.composeProject.update({ where: { id: row.id }, data: { profiles: input.profiles, workingDir, scales: {} } });
      const last = await tx.composeProjectRevision.findFirst({ where: { projectId: row.id }, orderBy: { number: 'desc' }, select: { number: true } });
      const id = newId();
      const number = (last?.number ?? 0) + 1;
      await tx.composeProjectRevision.create({
        data: {
          id, projectId: row.id, number, composeText: input.composeText,
          inputsSealed: sealProjectInputs(deps.keyring, id, { variables: input.variables, files: input.files }),
          createdById: actor.id, createdByName: actor.username, outcome: 'saved', restoredFrom: options.restoredFrom ?? null,
        },
      });
      return { name: input.name, revision: number, warnings: problems.length };
    });
  }, (r) => ({ name: `${input.name} (revision ${r.revision}) on ${engine.hostName}` }));
}
