// The engine CA as stored: made on first use, its key sealed like every other secret.
// Two runs asking at once agree on one CA (the loser of the insert reads the winner's row).
import 'server-only';
import { open, seal } from '@/lib/crypto/secret-box.ts';
import { isUniqueViolation } from '@/lib/db/errors.ts';
import type { ServiceDeps } from '../../deps.ts';
import { createCertificateAuthority, type CaMaterial } from './certificates.ts';

export const ENGINE_CA_ID = 'engines';
export const caContext = (id: string) => `ca:${id}`;

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

async function readCa(deps: Deps): Promise<CaMaterial | null> {
  const row = await deps.db.certificateAuthority.findUnique({ where: { id: ENGINE_CA_ID } });
  return row ? { certPem: row.certPem, keyPem: open(deps.keyring, row.keySealed, caContext(row.id)) } : null;
}

export async function loadCertificateAuthority(deps: Deps): Promise<CaMaterial> {
  const existing = await readCa(deps);
  if (existing) return existing;
  const made = await createCertificateAuthority('Wharf engine CA');
  try {
    await deps.db.certificateAuthority.create({
      data: { id: ENGINE_CA_ID, certPem: made.certPem, keySealed: seal(deps.keyring, made.keyPem, caContext(ENGINE_CA_ID)) },
    });
    return made;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await readCa(deps);
    if (!winner) throw error;
    return winner;
  }
}

/** The CA certificate alone (public): what a CLI bundle ships as ca.pem. */
export async function readCaCertificate(deps: Pick<ServiceDeps, 'db'>): Promise<string | null> {
  const row = await deps.db.certificateAuthority.findUnique({ where: { id: ENGINE_CA_ID }, select: { certPem: true } });
  return row?.certPem ?? null;
}
