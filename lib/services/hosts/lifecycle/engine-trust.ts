// Changing what a provisioned engine trusts and presents: a new server certificate from the
// host's CA (regenerate), or a new CA altogether (rotation: how a CLI bundle is revoked, since
// dockerd has no revocation list; how a host provisioned under the former shared CA gets its
// own). The files go in through the driver's lifecycle, which restarts the engine; Wharf checks
// the engine over TLS before it records anything. One such change per host at a time.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ConnectionSpec } from '@/lib/models/hosts/connection-spec.ts';
import { parseAddress } from '@/lib/models/hosts/connection-spec.ts';
import { SHARED_CA_ID } from '@/lib/models/hosts/cli-bundles.ts';
import { probeEngine, type ProbeResult } from '@/lib/services/engine/index.ts';
import { connectionFromInput } from '../connection-from-input.ts';
import { sealSecrets, specOfHost } from '../host-connection.ts';
import type { EngineTlsFiles, StepIo } from '../drivers/step-io.ts';
import { issueServerCertificate, summarizeCertificate, type IssuedCertificate } from '../pki/certificates.ts';
import { createAuthority, deleteAuthorityIfUnused, hostAuthority } from '../pki/host-authorities.ts';
import { issueRecordedClientCertificate } from '../pki/issue-recorded-certificate.ts';
import type { ProvisionedMachine } from '../provision/provision-context.ts';
import { storedText } from '../provision/stored-text.ts';
import type { DriverName } from '@/lib/models/hosts/provision-plan.ts';
import type { LifecycleDeps } from './lifecycle-deps.ts';

type Target = ProvisionedMachine & { driver: DriverName };

/** A claim older than this is from a console that stopped in the middle: it is taken over. */
const CLAIM_STALE_MS = 15 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `work` while this host's certificates are claimed by it; a second change waits its turn (CONFLICT). */
export async function withTlsChange<T>(deps: Pick<LifecycleDeps, 'db'>, host: { hostId: string; hostName: string }, work: () => Promise<T>): Promise<T> {
  const now = new Date();
  const { count } = await deps.db.host.updateMany({
    where: { id: host.hostId, OR: [{ tlsChangeStartedAt: null }, { tlsChangeStartedAt: { lt: new Date(now.getTime() - CLAIM_STALE_MS) } }] },
    data: { tlsChangeStartedAt: now },
  });
  if (count === 0) throw new AppError('CONFLICT', msg('hosts.errors.alreadyReplacing', { name: host.hostName }));
  try {
    return await work();
  } finally {
    await deps.db.host.updateMany({ where: { id: host.hostId, tlsChangeStartedAt: now }, data: { tlsChangeStartedAt: null } });
  }
}

/** Puts the files in place (the driver restarts the engine) and waits until the engine answers `spec` over TLS. */
async function installAndCheck(deps: LifecycleDeps, target: Target, files: EngineTlsFiles, spec: ConnectionSpec, io: StepIo, what: 'certificate' | 'ca'): Promise<ProbeResult> {
  await deps.drivers[target.driver].lifecycle.replaceServerCertificate(target, files, io);
  deps.engines.forget(target.hostId);
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const probe = await probeEngine(spec);
      io.log(msg('hosts.log.answersWith', { what, version: probe.facts.engineVersion }));
      return probe;
    } catch (error) {
      lastError = error;
      await sleep(1_000);
    }
  }
  throw isAppError(lastError) ? new AppError('ENGINE_UNREACHABLE', msg('hosts.errors.notBackWith', { what, reason: lastError.said ?? lastError.message })) : lastError;
}

const serverCertificateOf = (server: IssuedCertificate) => {
  const summary = summarizeCertificate(server.certPem);
  return { serial: summary.serial, notAfter: summary.notAfter, sans: summary.sans };
};

async function readHost(deps: Pick<LifecycleDeps, 'db'>, hostId: string) {
  return deps.db.host.findUniqueOrThrow({ where: { id: hostId }, select: { id: true, name: true, transport: true, address: true, secretsSealed: true, sshHostKey: true, machine: true, caId: true } });
}

/** A new server certificate from the CA the engine already trusts: every client certificate keeps working. */
export async function renewServerCertificate(deps: LifecycleDeps, target: Target, io: StepIo): Promise<{ notAfter: string }> {
  const row = await readHost(deps, target.hostId);
  const ca = await hostAuthority(deps, row);
  const server = await issueServerCertificate(ca, { hostName: target.hostName, addresses: [target.address] });
  io.log(msg('hosts.log.newServerCert', { serial: server.serial, until: server.notAfter.toISOString().slice(0, 10) }));
  await installAndCheck(deps, target, { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem }, specOfHost(deps.keyring, row), io, 'certificate');
  const serverCertificate = serverCertificateOf(server);
  const machine = { ...((row.machine as Record<string, unknown> | null) ?? {}), serverCertificate };
  await deps.db.host.update({ where: { id: target.hostId }, data: { machine: machine as Prisma.InputJsonValue } });
  return { notAfter: serverCertificate.notAfter };
}

export type Rotation = { caId: string; notAfter: string; revoked: number };

/**
 * Gives the host a new CA: a new server certificate and a new client certificate for Wharf from
 * it, the engine restarted trusting only the new CA, checked over TLS with Wharf's new
 * certificate. Then, and only then, the host's row moves to the new CA, the certificates of the
 * old one for this host are marked revoked with `reason`, and the old CA is deleted once nothing
 * trusts it. If the engine does not come back, nothing is recorded and the new CA is deleted.
 */
export async function rotateHostAuthority(deps: LifecycleDeps, target: Target, change: { byName: string; reason: string }, io: StepIo): Promise<Rotation> {
  const row = await readHost(deps, target.hostId);
  const oldCaId = row.caId ?? SHARED_CA_ID;
  const ca = await createAuthority(deps, row.name);
  io.log(msg('hosts.log.newCa', { name: row.name }));
  const { host: address, port } = parseAddress('tcp', row.address);
  let consoleSerial: string | null = null;
  try {
    const server = await issueServerCertificate(ca, { hostName: target.hostName, addresses: [target.address] });
    const tls = await issueRecordedClientCertificate(deps, ca, { kind: 'console', hostId: row.id, hostName: row.name });
    consoleSerial = tls.serial;
    const { spec, info } = connectionFromInput({ transport: 'tcp', host: address, port, ca: tls.ca, cert: tls.cert, key: tls.key });
    await installAndCheck(deps, target, { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem }, spec, io, 'ca');
    const serverCertificate = serverCertificateOf(server);
    const machine = { ...((row.machine as Record<string, unknown> | null) ?? {}), serverCertificate };
    const revoked = await deps.db.$transaction(async (tx) => {
      await tx.host.update({ where: { id: row.id }, data: { caId: ca.id, secretsSealed: sealSecrets(deps.keyring, row.id, spec), connectionInfo: info as Prisma.InputJsonValue, machine: machine as Prisma.InputJsonValue } });
      // A shared-CA bundle still opens the other hosts on the shared CA: it is marked when that CA is retired.
      const { count } = await tx.clientCertificate.updateMany({
        where: { hostId: row.id, caId: oldCaId, revokedAt: null, ...(oldCaId === SHARED_CA_ID ? { holder: 'console' } : {}) },
        data: { revokedAt: new Date(), revokedByName: change.byName, revokedReason: change.reason },
      });
      return count;
    });
    deps.engines.forget(row.id);
    if (await deleteAuthorityIfUnused(deps, oldCaId, change.byName)) {
      io.log(msg(oldCaId === SHARED_CA_ID ? 'hosts.log.sharedCaDeleted' : 'hosts.log.oldCaDeleted'));
    }
    io.log(msg('hosts.log.trustsNewCa', { name: row.name, count: revoked }));
    return { caId: ca.id, notAfter: serverCertificate.notAfter, revoked };
  } catch (error) {
    await deps.db.clientCertificate.updateMany({ where: { caId: ca.id }, data: { revokedAt: new Date(), revokedByName: change.byName, revokedReason: storedText(msg('hosts.bundles.reasons.rotationUnfinished')) } });
    await deps.db.certificateAuthority.deleteMany({ where: { id: ca.id } }).catch(() => {});
    if (consoleSerial) deps.engines.forget(row.id);
    if (isAppError(error)) {
      throw new AppError(error.code, msg('hosts.errors.keepsCa', { reason: error.said ?? error.message, name: row.name }), { cause: error });
    }
    throw error;
  }
}
