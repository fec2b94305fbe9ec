// The docker CLI bundles Wharf issued, from the ClientCertificate records (never a key): per host
// for its page, and every user's for the Users page.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { SHARED_CA_ID, trustedCaOf, type CliBundle } from '@/lib/models/hosts/cli-bundles.ts';
import type { ServiceDeps } from '../../deps.ts';
import { hostsOnSharedAuthority } from '../pki/host-authorities.ts';

const bundleSelect = {
  serial: true, userId: true, username: true, hostId: true, hostName: true, caId: true, createdAt: true, notAfter: true, revokedAt: true, revokedByName: true, revokedReason: true,
} as const satisfies Prisma.ClientCertificateSelect;

type BundleRow = Prisma.ClientCertificateGetPayload<{ select: typeof bundleSelect }>;

const toBundle = (row: BundleRow): CliBundle => ({
  serial: row.serial,
  userId: row.userId,
  username: row.username,
  hostId: row.hostId,
  hostName: row.hostName,
  caId: row.caId,
  issuedAt: row.createdAt.toISOString(),
  notAfter: row.notAfter.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
  revokedByName: row.revokedByName,
  revokedReason: row.revokedReason,
});

export type HostBundles = {
  hostId: string;
  hostName: string;
  /** The CA the host's engine trusts now (SHARED_CA_ID: the former shared CA). */
  trustedCa: string;
  /** When the host is on the shared CA: every host still on it (a shared-CA bundle opens them all). */
  hostsOnSharedCa: Array<{ id: string; name: string }>;
  /** Newest first: the bundles issued for this host and, for a host on the shared CA, every active shared-CA bundle (each opens it). */
  bundles: CliBundle[];
};

/** The caller has authorized reading this host's bundles. */
export async function listHostBundles(deps: Pick<ServiceDeps, 'db'>, hostId: string): Promise<HostBundles> {
  const host = await deps.db.host.findUnique({ where: { id: hostId }, select: { id: true, name: true, caId: true, driver: true } });
  if (!host) throw new AppError('NOT_FOUND', msg('hosts.errors.notFoundMaybeRemoved'));
  const trustedCa = trustedCaOf(host);
  const shared = Boolean(host.driver) && trustedCa === SHARED_CA_ID;
  const rows = await deps.db.clientCertificate.findMany({
    where: { holder: 'user', OR: [{ hostId }, ...(shared ? [{ caId: SHARED_CA_ID, revokedAt: null, notAfter: { gt: new Date() } }] : [])] },
    orderBy: { createdAt: 'desc' },
    select: bundleSelect,
    take: 500,
  });
  return { hostId: host.id, hostName: host.name, trustedCa, hostsOnSharedCa: shared ? await hostsOnSharedAuthority(deps) : [], bundles: rows.map(toBundle) };
}

/** Every user's bundles (the Users page), by user then newest first. */
export async function listAllBundles(deps: Pick<ServiceDeps, 'db'>): Promise<CliBundle[]> {
  const rows = await deps.db.clientCertificate.findMany({ where: { holder: 'user' }, orderBy: [{ username: 'asc' }, { createdAt: 'desc' }], select: bundleSelect, take: 2000 });
  return rows.map(toBundle);
}

/** Bundles that may still open an engine: one user's, or every one the shared CA signed. */
export async function activeBundles(deps: Pick<ServiceDeps, 'db'>, which: { userId: string } | { caId: typeof SHARED_CA_ID }): Promise<CliBundle[]> {
  const rows = await deps.db.clientCertificate.findMany({ where: { holder: 'user', ...which, revokedAt: null, notAfter: { gt: new Date() } }, select: bundleSelect });
  return rows.map(toBundle);
}
