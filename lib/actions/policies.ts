'use server';
// Server actions for workload policies: thin wrappers over lib/services/policy/manage-policies.ts.
import { authedAction } from './action-client.ts';
import { attachPolicySchema, checkComposeSchema, createPolicySchema, policyRefSchema, savePolicySchema } from '@/lib/schemas/policies.ts';
import { attachPolicy, checkCompose, createPolicy, deletePolicy, savePolicyVersion, type ComposeCheck } from '@/lib/services/policy/manage-policies.ts';
import { spokenProblem } from '@/lib/errors.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export const createPolicyAction = authedAction('policy.create', createPolicySchema, 'policy.manage', ({ rt, actor, input }) => createPolicy(rt, actor, input));

export const savePolicyAction = authedAction('policy.update', savePolicySchema, 'policy.manage', ({ rt, actor, input }) => savePolicyVersion(rt, actor, input));

export const attachPolicyAction = authedAction('policy.attach', attachPolicySchema, 'policy.manage', ({ rt, actor, input }) => attachPolicy(rt, actor, input));

export const deletePolicyAction = authedAction('policy.delete', policyRefSchema, 'policy.manage', ({ rt, actor, input }) => deletePolicy(rt, actor, input));

/** The file's own problems (it cannot be read) come back in the requester's language. */
export const checkComposeAction = authedAction('policy.check', checkComposeSchema, 'policy.view', async ({ rt, input }): Promise<ComposeCheck> => {
  const found = await checkCompose(rt, input);
  const locale = await requestLocale();
  return { ...found, problems: found.problems.map((problem) => spokenProblem(problem, locale)) };
});
