'use server';
// Server actions for compose projects: thin wrappers over lib/services/compose-projects. Seeing a
// project needs container.view on its host, changing one container.manage (its containers are
// that host's), and the workload policy judges what up would run.
import { AppError, spokenProblem, toErrorPayload } from '@/lib/errors.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import {
  changeProjectSchema, downProjectSchema, moveProjectSchema, pullProjectSchema, recreateProjectSchema, rollbackProjectSchema, saveProjectSchema, scaleServiceSchema, upProjectSchema, validateProjectSchema,
} from '@/lib/schemas/compose-projects.ts';
import { changeProject, scaleService } from '@/lib/services/compose-projects/change-project.ts';
import { downProject } from '@/lib/services/compose-projects/down-project.ts';
import { readProject } from '@/lib/services/compose-projects/read-project.ts';
import { rollbackProject } from '@/lib/services/compose-projects/project-revisions.ts';
import { saveProject } from '@/lib/services/compose-projects/save-project.ts';
import { upProject } from '@/lib/services/compose-projects/up-project.ts';
import { pullProject } from '@/lib/services/compose-projects/pull-project.ts';
import { recreateProject } from '@/lib/services/compose-projects/recreate-project.ts';
import { moveProject } from '@/lib/services/compose-projects/move-project.ts';
import { filesForCheck, listReferencedFiles } from '@/lib/services/stacks/compose/referenced-files.ts';
import { onProject } from '@/lib/services/access/locate-target.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authedAction } from './action-client.ts';

/** On the project's host, or on the project itself (a project grant), as its owner admits. */
const manage = (input: { hostId: string; name: string }, actor: Actor) => onProject(getRuntime(), actor, 'container.manage', input);

/** Saves a revision and, when asked, brings it up: a failed up still answers the saved revision, with why up stopped. */
export const saveProjectAction = authedAction('project.save', saveProjectSchema, manage, async ({ rt, actor, input }) => {
  const saved = await saveProject(rt, actor, input);
  if (!input.up) return { ...saved, up: null, upError: null };
  try {
    return { ...saved, up: await upProject(rt, actor, { hostId: input.hostId, name: input.name }), upError: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ...saved, up: null, upError: toErrorPayload(error, await requestLocale()).message };
  }
});

export const upProjectAction = authedAction('project.up', upProjectSchema, manage, ({ rt, actor, input }) => upProject(rt, actor, input));

/** Pulls its services' images (or one service's) as pull jobs the page follows. */
export const pullProjectAction = authedAction('project.pull', pullProjectSchema, manage, ({ rt, actor, input }) => pullProject(rt, actor, input));

/** Recreates its services' containers (or one service's) even when unchanged, optionally pulling first. */
export const recreateProjectAction = authedAction('project.recreate', recreateProjectSchema, manage, ({ rt, actor, input }) => recreateProject(rt, actor, input));

export const downProjectAction = authedAction('project.down', downProjectSchema, manage, ({ rt, actor, input }) => downProject(rt, actor, input));

/** Saves an earlier revision's file and inputs as a new revision and brings it up. */
export const rollbackProjectAction = authedAction('project.rollback', rollbackProjectSchema, manage, ({ rt, actor, input }) => rollbackProject(rt, actor, input));

export const changeProjectAction = authedAction('project.change', changeProjectSchema, manage, ({ rt, actor, input }) => changeProject(rt, actor, input));

export const scaleServiceAction = authedAction('project.scale', scaleServiceSchema, manage, ({ rt, actor, input }) => scaleService(rt, actor, input));

/** Ownership is the administrators' to change: team.manage on everything. */
export const moveProjectAction = authedAction('project.move', moveProjectSchema, 'team.manage', ({ rt, actor, input }) => moveProject(rt, actor, input));

/** Checks a file as the editor changes, without saving: problems with line and column, in the requester's language, and the files it names (null when its YAML cannot be read). */
export const validateProjectAction = authedAction('project.validate', validateProjectSchema, 'container.view', async ({ input }) => {
  const files = filesForCheck(input.files, input.keptFiles);
  const { problems } = readProject({ projectName: input.name || 'project', composeText: input.composeText, variables: input.variables, files, profiles: input.profiles, workingDir: input.workingDir || null });
  const locale = await requestLocale();
  return { problems: problems.map((problem) => spokenProblem(problem, locale)), files: listReferencedFiles(input.composeText, input.variables, 'project') };
});
