'use server';
// Server actions for stacks: thin wrappers over lib/services/stacks.
import { deployStackSchema, recordStackStateSchema, removeStackSchema, rollbackStackSchema, validateStackSchema } from '@/lib/schemas/stacks.ts';
import { translateStack } from '@/lib/services/stacks/compose/translate-stack.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { recordStackState } from '@/lib/services/stacks/record-stack-state.ts';
import { removeStack } from '@/lib/services/stacks/remove-stack.ts';
import { rollbackStack } from '@/lib/services/stacks/stack-revisions.ts';
import { stackTarget } from '@/lib/models/access/containment.ts';
import { localizeText } from '@/lib/errors.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { authedAction } from './action-client.ts';

/** A stack is in its swarm: a grant on the swarm or on this stack reaches it. */
const onStack = (input: { swarmId: string; stackName: string }) => stackTarget(input.swarmId, input.stackName);

export const deployStackAction = authedAction('stack.deploy', deployStackSchema, (input) => ({ permission: 'stack.deploy', target: onStack(input) }), ({ rt, actor, input }) =>
  deployStack(rt, actor, input),
);

export const rollbackStackAction = authedAction('stack.rollback', rollbackStackSchema, (input) => ({ permission: 'stack.deploy', target: onStack(input) }), ({ rt, actor, input }) =>
  rollbackStack(rt, actor, input),
);

/** Keeps what runs (after changes made outside the file) as a new revision; sends nothing to the swarm. */
export const recordStackStateAction = authedAction('stack.record', recordStackStateSchema, (input) => ({ permission: 'stack.deploy', target: onStack(input) }), ({ rt, actor, input }) =>
  recordStackState(rt, actor, input),
);

export const removeStackAction = authedAction('stack.remove', removeStackSchema, (input) => ({ permission: 'stack.deploy', target: onStack(input) }), ({ rt, actor, input }) =>
  removeStack(rt, actor, input),
);

/** Checks a file as the editor changes, without deploying: problems with line and column, in the requester's language. */
export const validateStackAction = authedAction('stack.validate', validateStackSchema, 'stack.view', async ({ input }) => {
  const { problems } = translateStack({ stackName: input.stackName, composeText: input.composeText, variables: input.variables, files: {} });
  const locale = await requestLocale();
  return { problems: problems.map((problem) => ({ ...problem, message: localizeText(problem.message, locale) })) };
});
