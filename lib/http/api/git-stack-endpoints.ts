// /api/v1 endpoints for stacks that follow a git repository: create one, read its git source (never
// the token or the deploy key), change its git settings, check now, apply the commit shown, pause or
// resume, and generate a deploy key. Each is the one service call of lib/actions/git-stacks.ts, on
// the same requirements (stack.deploy on the stack, located with the owner its services record).
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import * as out from '@/lib/schemas/api-responses.ts';
import { applyGitStackSchema, createGitStackSchema, deployKeyRequestSchema, gitStackRefSchema, pauseGitSourceSchema, updateGitSourceSchema } from '@/lib/schemas/git-stacks.ts';
import { onStack } from '@/lib/services/access/locate-target.ts';
import { applyGitStack } from '@/lib/services/stacks/git/check-git-stack.ts';
import { checkGitStackNow } from '@/lib/services/stacks/git/git-check-queue.ts';
import { createGitStack, generateDeployKey, pauseGitSource, readGitSource, updateGitSource } from '@/lib/services/stacks/git/save-git-source.ts';
import { endpoint } from './endpoint.ts';

const tag = 'Stacks from git';
const git = '/swarms/{swarmId}/stacks/{stackName}/git';

export const GIT_STACK_ENDPOINTS = [
  endpoint({ method: 'POST', path: '/swarms/{swarmId}/git-stacks', operationId: 'createGitStack', summary: 'Make a stack from a git repository (http(s) with an optional token, or SSH with a deploy key): its newest commit is deployed as revision 1', tag, input: createGitStackSchema, output: out.gitDeployResultSchema, status: 201,
    check: (i, actor, deps) => onStack(deps, actor, 'stack.deploy', i),
    run: async ({ deps, actor, input }) => {
      const { revision, commit } = await createGitStack(deps, actor, input);
      return { revision, commit };
    } }),
  endpoint({ method: 'POST', path: '/swarms/{swarmId}/git-stacks/deploy-keys', operationId: 'generateDeployKey', summary: 'A new SSH deploy key for a git stack of this swarm: its public half, and its private half sealed for you (never answered in the clear)', tag, input: deployKeyRequestSchema, output: out.deployKeySchema, status: 201,
    check: (i) => ({ permission: 'stack.deploy', target: { type: 'in-swarm', id: i.swarmId } }), run: async ({ deps, actor }) => generateDeployKey(deps, actor) }),
  endpoint({ method: 'GET', path: git, operationId: 'getGitSource', summary: "A stack's git source: repository, ref, commits, the last failure (never the token or the deploy key)", tag, input: gitStackRefSchema, output: out.gitSourceSchema,
    check: (i, actor, deps) => onStack(deps, actor, 'stack.view', i),
    run: async ({ deps, input, locale }) => {
      const view = await readGitSource(deps, input.swarmId, input.stackName, locale);
      if (!view) throw new AppError('NOT_FOUND', msg('gitStacks.errors.noSource', { name: input.stackName }));
      return view;
    } }),
  endpoint({ method: 'PUT', path: git, operationId: 'updateGitSource', summary: "Change a stack's git settings (token, sshKey: absent keeps, empty removes; hostKey: absent keeps, empty trusts the next connection's)", tag, input: updateGitSourceSchema, output: out.emptySchema,
    check: (i, actor, deps) => onStack(deps, actor, 'stack.deploy', i), run: async ({ deps, actor, input }) => (await updateGitSource(deps, actor, input), {}) }),
  endpoint({ method: 'POST', path: `${git}/check`, operationId: 'checkGitStack', summary: 'Check the repository now: the newest commit, vetted; with auto-apply it is deployed', tag, input: gitStackRefSchema, output: out.gitCheckSchema,
    check: (i, actor, deps) => onStack(deps, actor, 'stack.deploy', i), run: ({ deps, actor, input }) => checkGitStackNow(deps, actor, input) }),
  endpoint({ method: 'POST', path: `${git}/apply`, operationId: 'applyGitStack', summary: 'Deploy the commit a check found (refused if the ref has moved on since)', tag, input: applyGitStackSchema, output: out.gitDeployResultSchema,
    check: (i, actor, deps) => onStack(deps, actor, 'stack.deploy', i),
    run: async ({ deps, actor, input }) => {
      const { revision, commit } = await applyGitStack(deps, actor, input);
      return { revision, commit };
    } }),
  endpoint({ method: 'POST', path: `${git}/pause`, operationId: 'pauseGitStack', summary: 'Pause (paused: true) or resume (false) following the repository', tag, input: pauseGitSourceSchema, output: out.emptySchema,
    check: (i, actor, deps) => onStack(deps, actor, 'stack.deploy', i), run: async ({ deps, actor, input }) => (await pauseGitSource(deps, actor, input), {}) }),
];
