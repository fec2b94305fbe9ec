// After a key rotation: opens every stored secret with whichever key sealed it and seals it again
// with the current key, in one transaction. Every sealed column is listed here, each with the
// context its value is bound to. Returns how many values changed out of how many exist.
import 'server-only';
import { needsReseal, open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';
import type { Db } from '@/lib/db/client.ts';
import { hostSecretContext } from '@/lib/services/hosts/host-connection.ts';
import { credentialContext } from '@/lib/services/hosts/cloud/cloud-credentials.ts';
import { caContext } from '@/lib/services/hosts/pki/host-authorities.ts';
import { machineSecretContext } from '@/lib/services/hosts/provision/check-and-register.ts';
import { jobSecretContext } from '@/lib/services/hosts/provision/provision-runner.ts';
import { stackInputsContext } from '@/lib/services/stacks/stack-inputs.ts';
import { projectInputsContext } from '@/lib/services/compose-projects/project-inputs.ts';
import { destinationSecretContext } from '@/lib/services/audit/forwarding/audit-destinations.ts';
import { directorySecretContext } from '@/lib/services/directory/directory-config.ts';
import { registrySecretContext } from '@/lib/services/registries/registry-rows.ts';
import { channelSecretContext } from '@/lib/services/notifications/channel-rows.ts';
import { gitKeyContext, gitTokenContext } from '@/lib/services/stacks/git/check-git-stack.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
type SealedValue = { id: string; sealed: string | null };
type SealedColumn = {
  name: string;
  context: (id: string) => string;
  read: (tx: Tx) => Promise<SealedValue[]>;
  write: (tx: Tx, id: string, sealed: string) => Promise<unknown>;
};

const SEALED_COLUMNS: SealedColumn[] = [
  {
    name: 'Host.secretsSealed',
    context: hostSecretContext,
    read: async (tx) => (await tx.host.findMany({ where: { secretsSealed: { not: null } }, select: { id: true, secretsSealed: true } })).map((r) => ({ id: r.id, sealed: r.secretsSealed })),
    write: (tx, id, sealed) => tx.host.update({ where: { id }, data: { secretsSealed: sealed } }),
  },
  {
    name: 'Host.machineSealed',
    context: machineSecretContext,
    read: async (tx) => (await tx.host.findMany({ where: { machineSealed: { not: null } }, select: { id: true, machineSealed: true } })).map((r) => ({ id: r.id, sealed: r.machineSealed })),
    write: (tx, id, sealed) => tx.host.update({ where: { id }, data: { machineSealed: sealed } }),
  },
  {
    name: 'StackRevision.inputsSealed',
    context: stackInputsContext,
    read: async (tx) => (await tx.stackRevision.findMany({ select: { id: true, inputsSealed: true } })).map((r) => ({ id: r.id, sealed: r.inputsSealed })),
    write: (tx, id, sealed) => tx.stackRevision.update({ where: { id }, data: { inputsSealed: sealed } }),
  },
  {
    name: 'ComposeProjectRevision.inputsSealed',
    context: projectInputsContext,
    read: async (tx) => (await tx.composeProjectRevision.findMany({ select: { id: true, inputsSealed: true } })).map((r) => ({ id: r.id, sealed: r.inputsSealed })),
    write: (tx, id, sealed) => tx.composeProjectRevision.update({ where: { id }, data: { inputsSealed: sealed } }),
  },
  {
    name: 'ProvisionJob.secretsSealed',
    context: jobSecretContext,
    read: async (tx) => (await tx.provisionJob.findMany({ where: { secretsSealed: { not: null } }, select: { id: true, secretsSealed: true } })).map((r) => ({ id: r.id, sealed: r.secretsSealed })),
    write: (tx, id, sealed) => tx.provisionJob.update({ where: { id }, data: { secretsSealed: sealed } }),
  },
  {
    name: 'CertificateAuthority.keySealed',
    context: caContext,
    read: async (tx) => (await tx.certificateAuthority.findMany({ select: { id: true, keySealed: true } })).map((r) => ({ id: r.id, sealed: r.keySealed })),
    write: (tx, id, sealed) => tx.certificateAuthority.update({ where: { id }, data: { keySealed: sealed } }),
  },
  {
    name: 'CloudCredential.tokenSealed',
    context: credentialContext,
    read: async (tx) => (await tx.cloudCredential.findMany({ select: { id: true, tokenSealed: true } })).map((r) => ({ id: r.id, sealed: r.tokenSealed })),
    write: (tx, id, sealed) => tx.cloudCredential.update({ where: { id }, data: { tokenSealed: sealed } }),
  },
  {
    name: 'AuditDestination.secretSealed',
    context: destinationSecretContext,
    read: async (tx) => (await tx.auditDestination.findMany({ where: { secretSealed: { not: null } }, select: { id: true, secretSealed: true } })).map((r) => ({ id: r.id, sealed: r.secretSealed })),
    write: (tx, id, sealed) => tx.auditDestination.update({ where: { id }, data: { secretSealed: sealed } }),
  },
  {
    name: 'DirectoryConfig.secretSealed',
    context: directorySecretContext,
    read: async (tx) => (await tx.directoryConfig.findMany({ where: { secretSealed: { not: null } }, select: { kind: true, secretSealed: true } })).map((r) => ({ id: r.kind, sealed: r.secretSealed })),
    write: (tx, id, sealed) => tx.directoryConfig.update({ where: { kind: id }, data: { secretSealed: sealed } }),
  },
  {
    name: 'Registry.secretSealed',
    context: registrySecretContext,
    read: async (tx) => (await tx.registry.findMany({ where: { secretSealed: { not: null } }, select: { id: true, secretSealed: true } })).map((r) => ({ id: r.id, sealed: r.secretSealed })),
    write: (tx, id, sealed) => tx.registry.update({ where: { id }, data: { secretSealed: sealed } }),
  },
  {
    name: 'NotificationChannel.urlSealed',
    context: (id) => channelSecretContext(id, 'url'),
    read: async (tx) => (await tx.notificationChannel.findMany({ select: { id: true, urlSealed: true } })).map((r) => ({ id: r.id, sealed: r.urlSealed })),
    write: (tx, id, sealed) => tx.notificationChannel.update({ where: { id }, data: { urlSealed: sealed } }),
  },
  {
    name: 'NotificationChannel.secretSealed',
    context: (id) => channelSecretContext(id, 'secret'),
    read: async (tx) => (await tx.notificationChannel.findMany({ where: { secretSealed: { not: null } }, select: { id: true, secretSealed: true } })).map((r) => ({ id: r.id, sealed: r.secretSealed })),
    write: (tx, id, sealed) => tx.notificationChannel.update({ where: { id }, data: { secretSealed: sealed } }),
  },
  {
    name: 'StackGitSource.tokenSealed',
    context: gitTokenContext,
    read: async (tx) => (await tx.stackGitSource.findMany({ where: { tokenSealed: { not: null } }, select: { id: true, tokenSealed: true } })).map((r) => ({ id: r.id, sealed: r.tokenSealed })),
    write: (tx, id, sealed) => tx.stackGitSource.update({ where: { id }, data: { tokenSealed: sealed } }),
  },
  {
    name: 'StackGitSource.sshKeySealed',
    context: gitKeyContext,
    read: async (tx) => (await tx.stackGitSource.findMany({ where: { sshKeySealed: { not: null } }, select: { id: true, sshKeySealed: true } })).map((r) => ({ id: r.id, sealed: r.sshKeySealed })),
    write: (tx, id, sealed) => tx.stackGitSource.update({ where: { id }, data: { sshKeySealed: sealed } }),
  },
];

export async function resealSecrets(db: Db, keyring: Keyring): Promise<{ resealed: number; total: number }> {
  return db.$transaction(
    async (tx) => {
      let resealed = 0;
      let total = 0;
      for (const column of SEALED_COLUMNS) {
        for (const value of await column.read(tx)) {
          if (!value.sealed) continue;
          total++;
          if (!needsReseal(keyring, value.sealed)) continue;
          const context = column.context(value.id);
          await column.write(tx, value.id, seal(keyring, open(keyring, value.sealed, context), context));
          resealed++;
        }
      }
      return { resealed, total };
    },
    { timeout: 120_000 },
  );
}
