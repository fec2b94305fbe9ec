// Starts a provisioning run: checks what can be checked before anything is made (the name is
// free, the key parses, the cloud account exists), stores the run and its steps with the
// secrets sealed, and hands it to the runner. Two runs for one name at once are refused by the
// database (a unique index over active runs), so even simultaneous requests cannot both start.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import ssh2 from 'ssh2';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { seal } from '@/lib/crypto/secret-box.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import { newId } from '@/lib/db/new-id.ts';
import type { StartProvisionInput } from '@/lib/schemas/provision.ts';
import { assertNameFree } from '../register-host.ts';
import type { ProvisionDeps } from './provision-deps.ts';
import { STEPS_BY_DRIVER, STEP_LABELS } from '@/lib/models/hosts/provision-plan.ts';
import { jobSecretContext } from './provision-runner.ts';

export const runUnderWay = (name: string) =>
  new AppError('CONFLICT', msg('provisioning.errors.runUnderWay', { name }), { fieldErrors: { name: [issueText('provisioning.errors.runUnderWayField')] } });

/** Parses an SSH private key offline; an encrypted or foreign key is named as such. */
export function checkPrivateKey(privateKey: string): void {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase/i.test(parsed.message);
    throw new AppError('INVALID_INPUT', msg(encrypted ? 'provisioning.errors.keyEncrypted' : 'provisioning.errors.keyUnreadable'), {
      fieldErrors: { privateKey: [issueText(encrypted ? 'provisioning.errors.keyEncryptedField' : 'provisioning.errors.keyUnreadableField')] },
    });
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) throw new AppError('INVALID_INPUT', msg('provisioning.errors.publicKey'), { fieldErrors: { privateKey: [issueText('provisioning.errors.publicKeyField')] } });
}

function split(input: StartProvisionInput): { options: Record<string, unknown>; secrets: Record<string, string> } {
  switch (input.driver) {
    case 'generic': {
      const { privateKey, ...options } = input;
      return { options, secrets: { privateKey } };
    }
    case 'digitalocean': {
      const { credentialId, ...options } = input;
      return { options, secrets: { credentialId } };
    }
    case 'local':
      return { options: { ...input }, secrets: {} };
  }
}

export async function startProvision(deps: ProvisionDeps, actor: Actor, input: StartProvisionInput): Promise<{ jobId: string }> {
  return audited(deps.db, subjectOf(actor), 'host.provision', { type: 'host', name: input.name }, async () => {
    await assertNameFree(deps.db, input.name);
    if (input.driver === 'generic') checkPrivateKey(input.privateKey);
    if (input.driver === 'digitalocean') {
      const account = await deps.db.cloudCredential.findUnique({ where: { id: input.credentialId }, select: { provider: true } });
      if (account?.provider !== 'digitalocean') throw new AppError('INVALID_INPUT', msg('provisioning.errors.chooseAccount'), { fieldErrors: { credentialId: [issueText('provisioning.errors.noSuchAccount')] } });
    }
    const id = newId();
    const { options, secrets } = split(input);
    const data = {
      id,
      hostName: input.name,
      driver: input.driver,
      status: 'queued',
      // Queued on this replica's runner: its run, not a dead replica's, while this replica beats.
      replicaId: deps.provisioner.replicaId,
      options: options as Prisma.InputJsonValue,
      secretsSealed: Object.keys(secrets).length ? seal(deps.keyring, JSON.stringify(secrets), jobSecretContext(id)) : null,
      createdById: actor.id,
      createdByName: actor.username,
      steps: { create: STEPS_BY_DRIVER[input.driver].map((key, position) => ({ key, position, label: STEP_LABELS[key] })) },
    };
    await onUniqueViolation(() => deps.db.provisionJob.create({ data }), () => runUnderWay(input.name));
    deps.changes.publish({ type: 'provision.updated', jobId: id });
    deps.provisioner.start(id);
    return { jobId: id };
  }, (result) => ({ id: result.jobId, type: 'provision-job' }));
}
