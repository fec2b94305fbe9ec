'use server';
// Server actions for stacks that follow a git repository: thin wrappers over lib/services/stacks/git.
// Each needs stack.deploy on the stack (a check may deploy, when the stack applies new commits).
import { applyGitStackSchema, createGitStackSchema, deployKeyRequestSchema, gitStackRefSchema, pauseGitSourceSchema, updateGitSourceSchema } from '@/lib/schemas/git-stacks.ts';
import { stackTarget } from '@/lib/models/access/containment.ts';
import { applyGitStack } from '@/lib/services/stacks/git/check-git-stack.ts';
import { checkGitStackNow } from '@/lib/services/stacks/git/git-check-queue.ts';
import { createGitStack, generateDeployKey, pauseGitSource, updateGitSource } from '@/lib/services/stacks/git/save-git-source.ts';
import { authedAction } from './action-client.ts';

const onStack = (input: { swarmId: string; stackName: string }) => ({ permission: 'stack.deploy' as const, target: stackTarget(input.swarmId, input.stackName) });

export const createGitStackAction = authedAction('stack.git.create', createGitStackSchema, onStack, async ({ rt, actor, input }) => {
  const { revision, commit } = await createGitStack(rt, actor, input);
  return { revision, commit };
});

export const checkGitStackAction = authedAction('stack.git.check', gitStackRefSchema, onStack, ({ rt, actor, input }) => checkGitStackNow(rt, actor, input));

export const applyGitStackAction = authedAction('stack.git.apply', applyGitStackSchema, onStack, async ({ rt, actor, input }) => {
  const { revision, commit } = await applyGitStack(rt, actor, input);
  return { revision, commit };
});

export const updateGitSourceAction = authedAction('stack.git.update', updateGitSourceSchema, onStack, ({ rt, actor, input }) => updateGitSource(rt, actor, input));

export const pauseGitSourceAction = authedAction('stack.git.pause', pauseGitSourceSchema, onStack, ({ rt, actor, input }) => pauseGitSource(rt, actor, input));

/** A new deploy key for an SSH repository: the public half, and the private half sealed for the caller (never in the clear). */
export const generateDeployKeyAction = authedAction('stack.git.key', deployKeyRequestSchema, (input) => ({ permission: 'stack.deploy', target: { type: 'in-swarm', id: input.swarmId } }), async ({ rt, actor }) => generateDeployKey(rt, actor));
