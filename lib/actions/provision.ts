'use server';
// Server actions for provisioning and the lifecycle of provisioned hosts: thin wrappers over
// lib/services/hosts/{provision,lifecycle,cloud}.
import { authedAction } from './action-client.ts';
import {
  cloudCredentialRefSchema,
  cloudCredentialSchema,
  hostPowerSchema,
  hostRefSchema,
  provisionJobIdSchema,
  revokeCliBundleSchema,
  startProvisionSchema,
} from '@/lib/schemas/provision.ts';
import { removeCloudCredential, saveCloudCredential } from '@/lib/services/hosts/cloud/cloud-credentials.ts';
import { controlHostMachine } from '@/lib/services/hosts/lifecycle/control-host-machine.ts';
import { issueCliBundle } from '@/lib/services/hosts/lifecycle/issue-cli-bundle.ts';
import { regenerateHostCertificates } from '@/lib/services/hosts/lifecycle/regenerate-host-certificates.ts';
import { revokeCliBundle } from '@/lib/services/hosts/lifecycle/revoke-cli-bundles.ts';
import { cancelProvision, cleanUpProvision, retryProvision } from '@/lib/services/hosts/provision/control-provision.ts';
import { startProvision } from '@/lib/services/hosts/provision/start-provision.ts';

const onHost = (permission: 'host.update' | 'workload.unrestricted') => (input: { id: string }) => ({ permission, target: { type: 'host' as const, id: input.id } });

export const startProvisionAction = authedAction('host.provision', startProvisionSchema, 'host.create', ({ rt, actor, input }) => startProvision(rt, actor, input));
export const cancelProvisionAction = authedAction('host.provision.cancel', provisionJobIdSchema, 'host.create', ({ rt, actor, input }) => cancelProvision(rt, actor, input));
export const retryProvisionAction = authedAction('host.provision.retry', provisionJobIdSchema, 'host.create', ({ rt, actor, input }) => retryProvision(rt, actor, input));
export const cleanUpProvisionAction = authedAction('host.provision.clean-up', provisionJobIdSchema, 'host.create', ({ rt, actor, input }) => cleanUpProvision(rt, actor, input));

export const controlHostMachineAction = authedAction('host.power', hostPowerSchema, onHost('host.update'), ({ rt, actor, input }) => controlHostMachine(rt, actor, input));
export const regenerateHostCertificatesAction = authedAction('host.regenerate-certificates', hostRefSchema, onHost('host.update'), ({ rt, actor, input }) => regenerateHostCertificates(rt, actor, input));
// A bundle is root on that engine: only users allowed unrestricted workloads on the host get one.
export const issueCliBundleAction = authedAction('host.cli-certificate', hostRefSchema, onHost('workload.unrestricted'), ({ rt, actor, input }) => issueCliBundle(rt, actor, input));
// Revoking rotates the host's CA and restarts its engine, like regenerating its certificates.
export const revokeCliBundleAction = authedAction('host.cli-bundle.revoke', revokeCliBundleSchema, onHost('host.update'), ({ rt, actor, input }) => revokeCliBundle(rt, actor, input));

export const saveCloudCredentialAction = authedAction('cloud.credential.create', cloudCredentialSchema, 'cloud.manage', ({ rt, actor, input }) => saveCloudCredential(rt, actor, input));
export const removeCloudCredentialAction = authedAction('cloud.credential.delete', cloudCredentialRefSchema, 'cloud.manage', ({ rt, actor, input }) => removeCloudCredential(rt, actor, input));
