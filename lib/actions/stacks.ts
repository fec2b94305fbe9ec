'use server';
// Server actions for stacks: thin wrappers over lib/services/stacks.
import { deployStackSchema, moveStackSchema, recordStackStateSchema, removeStackSchema, rollbackStackSchema, validateStackSchema } from '@/lib/schemas/stacks.ts';
import { translateStack } from '@/lib/services/stacks/compose/translate-stack.ts';
import { filesForCheck, listReferencedFiles } from '@/lib/services/stacks/compose/referenced-files.ts';
import { deployStack, type DeployStackResult } from '@/lib/services/stacks/deploy-stack.ts';
import { recordStackState } from '@/lib/services/stacks/record-stack-state.ts';
import { removeStack } from '@/lib/services/stacks/remove-stack.ts';
import { moveStack } from '@/lib/services/stacks/move-stack.ts';
import { rollbackStack } from '@/lib/services/stacks/stack-revisions.ts';
import { onStack as locatedStack } from '@/lib/services/access/locate-target.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { spokenProblem, type DocumentProblem } from '@/lib/errors.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { authedAction } from './action-client.ts';

/** A stack is in its swarm: a grant on the swarm or on this stack reaches it, when its owner admits the grant. */
const onStack = (input: { swarmId: string; stackName: string }, actor: Actor) => locatedStack(getRuntime(), actor, 'stack.deploy', input);

/** A deploy's outcome for the browser: the file's warnings in the requester's language. */
async function spokenDeploy(outcome: Promise<DeployStackResult>): Promise<Omit<DeployStackResult, 'warnings'> & { warnings: DocumentProblem[] }> {
  const result = await outcome;
  const locale = await requestLocale();
  return { ...result, warnings: result.warnings.map((problem) => spokenProblem(problem, locale)) };
}

export const deployStackAction = authedAction('stack.deploy', deployStackSchema, (input, actor) => onStack(input, actor), ({ rt, actor, input }) =>
  spokenDeploy(deployStack(rt, actor, input)),
);

export const rollbackStackAction = authedAction('stack.rollback', rollbackStackSchema, (input, actor) => onStack(input, actor), ({ rt, actor, input }) =>
  spokenDeploy(rollbackStack(rt, actor, input)),
);

/** Keeps what runs (after changes made outside the file) as a new revision; sends nothing to the swarm. */
export const recordStackStateAction = authedAction('stack.record', recordStackStateSchema, (input, actor) => onStack(input, actor), ({ rt, actor, input }) =>
  recordStackState(rt, actor, input),
);

export const removeStackAction = authedAction('stack.remove', removeStackSchema, (input, actor) => onStack(input, actor), ({ rt, actor, input }) =>
  removeStack(rt, actor, input),
);

/** Ownership is the administrators' to change: team.manage on everything. */
export const moveStackAction = authedAction('stack.move', moveStackSchema, 'team.manage', ({ rt, actor, input }) => moveStack(rt, actor, input));

/** Checks a file as the editor changes, without deploying: problems with line and column, in the requester's language. */
export const validateStackAction = authedAction('stack.validate', validateStackSchema, 'stack.view', async ({ input }) => {
  const { problems } = translateStack({ stackName: input.stackName, composeText: input.composeText, variables: input.variables, files: filesForCheck(input.files, input.keptFiles) });
  const locale = await requestLocale();
  return { problems: problems.map((problem) => spokenProblem(problem, locale)), files: listReferencedFiles(input.composeText, input.variables) };
});
