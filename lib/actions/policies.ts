'use server';
// Server actions for workload policies: thin wrappers over lib/services/policy/manage-policies.ts.
import { authedAction } from './action-client.ts';
import { attachPolicySchema, checkComposeSchema, createPolicySchema, policyRefSchema, savePolicySchema } from '@/lib/schemas/policies.ts';
import { attachPolicy, checkCompose, createPolicy, deletePolicy, savePolicyVersion } from '@/lib/services/policy/manage-policies.ts';

export const createPolicyAction = authedAction('policy.create', createPolicySchema, 'policy.manage', ({ rt, actor, input }) => createPolicy(rt, actor, input));

export const savePolicyAction = authedAction('policy.update', savePolicySchema, 'policy.manage', ({ rt, actor, input }) => savePolicyVersion(rt, actor, input));

export const attachPolicyAction = authedAction('policy.attach', attachPolicySchema, 'policy.manage', ({ rt, actor, input }) => attachPolicy(rt, actor, input));

export const deletePolicyAction = authedAction('policy.delete', policyRefSchema, 'policy.manage', ({ rt, actor, input }) => deletePolicy(rt, actor, input));

export const checkComposeAction = authedAction('policy.check', checkComposeSchema, 'policy.view', ({ rt, input }) => checkCompose(rt, input));
