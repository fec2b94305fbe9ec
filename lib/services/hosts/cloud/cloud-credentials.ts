// Cloud accounts: an API token kept sealed, shown only by name and last four characters. A token
// is tried against the provider before it is saved; an account still used by a host stays.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { open, seal } from '@/lib/crypto/secret-box.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import { newId } from '@/lib/db/new-id.ts';
import type { ServiceDeps } from '../../deps.ts';
import { createDigitalOceanApi } from '../drivers/digitalocean/create-digitalocean-api.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

export type CloudCredentialView = { id: string; provider: 'digitalocean'; name: string; tokenHint: string; createdAt: string; hostsUsing: number };

export const credentialContext = (id: string) => `cloud:${id}`;

export async function listCloudCredentials(deps: Pick<ServiceDeps, 'db'>): Promise<CloudCredentialView[]> {
  const rows = await deps.db.cloudCredential.findMany({ orderBy: { name: 'asc' }, select: { id: true, provider: true, name: true, tokenHint: true, createdAt: true } });
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      provider: row.provider as 'digitalocean',
      name: row.name,
      tokenHint: row.tokenHint,
      createdAt: row.createdAt.toISOString(),
      hostsUsing: await deps.db.host.count({ where: { machine: { path: ['credentialId'], equals: row.id } } }),
    })),
  );
}

/** The token of a saved account, for the driver. Never leaves the server. */
export async function openCloudToken(deps: Deps, credentialId: string): Promise<string> {
  const row = await deps.db.cloudCredential.findUnique({ where: { id: credentialId } });
  if (!row) throw new AppError('PRECONDITION', msg('cloud.errors.accountRemoved'));
  return open(deps.keyring, row.tokenSealed, credentialContext(row.id));
}

export async function saveCloudCredential(deps: Deps, actor: Actor, input: { provider: 'digitalocean'; name: string; token: string }): Promise<{ id: string; email: string | null }> {
  return audited(deps.db, subjectOf(actor), 'cloud.credential.create', { type: 'cloud-credential', name: input.name }, async () => {
    const account = await createDigitalOceanApi({ token: input.token }).getAccount();
    const id = newId();
    await onUniqueViolation(
      () =>
        deps.db.cloudCredential.create({
          data: { id, provider: input.provider, name: input.name, tokenSealed: seal(deps.keyring, input.token, credentialContext(id)), tokenHint: input.token.slice(-4), createdById: actor.id },
        }),
      () => new AppError('CONFLICT', msg('cloud.errors.nameExists', { name: input.name }), { fieldErrors: { name: [issueText('cloud.errors.nameTaken')] } }),
    );
    return { id, email: account.email ?? null };
  }, (result) => ({ id: result.id }));
}

export async function removeCloudCredential(deps: Deps, actor: Actor, input: { credentialId: string }): Promise<void> {
  const row = await deps.db.cloudCredential.findUnique({ where: { id: input.credentialId }, select: { id: true, name: true } });
  if (!row) throw new AppError('NOT_FOUND', msg('cloud.errors.notFound'));
  await audited(deps.db, subjectOf(actor), 'cloud.credential.delete', { type: 'cloud-credential', id: row.id, name: row.name }, async () => {
    const users = await deps.db.host.findMany({ where: { machine: { path: ['credentialId'], equals: row.id } }, select: { name: true }, take: 10 });
    if (users.length) throw new AppError('CONFLICT', msg('cloud.errors.inUse', { names: users.map((u) => u.name).join(', ') }));
    await deps.db.cloudCredential.delete({ where: { id: row.id } });
  });
}
