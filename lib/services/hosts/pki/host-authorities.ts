// The CAs as stored, one per provisioned host, each key sealed like every other secret. A
// provisioning run makes its host's CA (kept in the run's machine record, so a retry reuses it);
// registration makes it the host's; a rotation replaces it and deletes the old one; removing the
// host deletes it. The former shared CA ("engines") is only read, for hosts that still trust it,
// and deleted once none does.
import 'server-only';
import { open, seal } from '@/lib/crypto/secret-box.ts';
import { newId } from '@/lib/db/new-id.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { SHARED_CA_ID } from '@/lib/models/hosts/cli-bundles.ts';
import type { ServiceDeps } from '../../deps.ts';
import { createHostCertificateAuthority, type CaMaterial } from './certificates.ts';
import { storedText } from '../provision/stored-text.ts';

export const caContext = (id: string) => `ca:${id}`;

/** A CA with the id of its row. */
export type StoredCa = CaMaterial & { id: string };

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

async function readAuthority(deps: Deps, caId: string): Promise<StoredCa | null> {
  const row = await deps.db.certificateAuthority.findUnique({ where: { id: caId } });
  return row ? { id: row.id, certPem: row.certPem, keyPem: open(deps.keyring, row.keySealed, caContext(row.id)) } : null;
}

/** A new CA for a host (not yet trusted by anything), stored. */
export async function createAuthority(deps: Deps, hostName: string): Promise<StoredCa> {
  const id = newId();
  const made = await createHostCertificateAuthority({ hostName, caId: id });
  await deps.db.certificateAuthority.create({ data: { id, certPem: made.certPem, keySealed: seal(deps.keyring, made.keyPem, caContext(id)) } });
  return { id, ...made };
}

/** The CA of a provisioning run: the one it made before (a retry), or a new one, remembered in `machine.caId`. */
export async function runAuthority(deps: Deps, run: { hostName: string; machine: Record<string, unknown> }): Promise<StoredCa> {
  const made = typeof run.machine.caId === 'string' ? await readAuthority(deps, run.machine.caId) : null;
  if (made) return made;
  const ca = await createAuthority(deps, run.hostName);
  run.machine.caId = ca.id;
  return ca;
}

/** The CA a provisioned host's engine trusts now: its own, or the shared one for a host provisioned before. */
export async function hostAuthority(deps: Deps, host: { name: string; caId: string | null }): Promise<StoredCa> {
  const ca = await readAuthority(deps, host.caId ?? SHARED_CA_ID);
  if (!ca) throw new AppError('PRECONDITION', msg('hosts.errors.caMissing', { name: host.name }));
  return ca;
}

/** The CA certificate alone (public). */
export async function readCaCertificate(deps: Pick<ServiceDeps, 'db'>, caId: string): Promise<string | null> {
  const row = await deps.db.certificateAuthority.findUnique({ where: { id: caId }, select: { certPem: true } });
  return row?.certPem ?? null;
}

/** The provisioned hosts whose engines still trust the shared CA. */
export async function hostsOnSharedAuthority(deps: Pick<ServiceDeps, 'db'>): Promise<Array<{ id: string; name: string }>> {
  return deps.db.host.findMany({ where: { driver: { not: null }, caId: null }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/**
 * Deletes a CA no host trusts any more (after a rotation, a removal or a run's clean-up). The
 * shared CA goes once the last host that trusted it has a CA of its own: the certificates it
 * signed open nothing any more, and are marked so.
 */
export async function deleteAuthorityIfUnused(deps: Pick<ServiceDeps, 'db'>, caId: string | null | undefined, byName: string): Promise<boolean> {
  const id = caId ?? SHARED_CA_ID;
  const users = id === SHARED_CA_ID ? (await hostsOnSharedAuthority(deps)).length : await deps.db.host.count({ where: { caId: id } });
  if (users > 0) return false;
  const { count } = await deps.db.certificateAuthority.deleteMany({ where: { id } });
  if (id === SHARED_CA_ID && count > 0) {
    await deps.db.clientCertificate.updateMany({
      where: { caId: SHARED_CA_ID, revokedAt: null },
      data: { revokedAt: new Date(), revokedByName: byName, revokedReason: storedText(msg('hosts.bundles.reasons.sharedCaRetired')) },
    });
  }
  return count > 0;
}
