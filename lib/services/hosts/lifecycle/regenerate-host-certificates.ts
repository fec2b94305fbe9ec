// Docker Machine's regenerate-certs: a new server certificate from Wharf's CA for the machine's
// addresses, put in place and the engine restarted, then checked over TLS with Wharf's own client
// certificate. Client certificates already issued (CLI bundles) keep working: the CA is the same.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { probeEngine } from '@/lib/services/engine/index.ts';
import { specOfHost } from '../host-connection.ts';
import { issueServerCertificate, summarizeCertificate } from '../pki/certificates.ts';
import { loadCertificateAuthority } from '../pki/load-certificate-authority.ts';
import { collectingIo, type LifecycleDeps } from './lifecycle-deps.ts';
import { openProvisionedMachine } from './open-provisioned-machine.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function regenerateHostCertificates(deps: LifecycleDeps, actor: Actor, input: { id: string }): Promise<{ notAfter: string; log: string[] }> {
  const target = await openProvisionedMachine(deps, input.id);
  return audited(deps.db, subjectOf(actor), 'host.regenerate-certificates', { type: 'host', id: target.hostId, name: target.hostName }, async () => {
    const { io, lines } = collectingIo(180_000);
    const ca = await loadCertificateAuthority(deps);
    const server = await issueServerCertificate(ca, { hostName: target.hostName, addresses: [target.address] });
    io.log(`Issued a new server certificate (serial ${server.serial}, valid until ${server.notAfter.toISOString().slice(0, 10)}).`);
    await deps.drivers[target.driver].lifecycle.replaceServerCertificate(target, { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem }, io);
    deps.engines.forget(target.hostId);

    const row = await deps.db.host.findUniqueOrThrow({ where: { id: target.hostId }, select: { id: true, transport: true, address: true, secretsSealed: true, sshHostKey: true, machine: true } });
    const spec = specOfHost(deps.keyring, row);
    let lastError: unknown = null;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const probe = await probeEngine(spec);
        io.log(`The engine answers over TLS with the new certificate (Docker ${probe.facts.engineVersion}).`);
        lastError = null;
        break;
      } catch (error) {
        lastError = error;
        await sleep(1_000);
      }
    }
    if (lastError) throw lastError instanceof AppError ? new AppError('ENGINE_UNREACHABLE', `The engine did not come back with its new certificate: ${lastError.message}`) : lastError;
    const summary = summarizeCertificate(server.certPem);
    const machine = { ...((row.machine as Record<string, unknown> | null) ?? {}), serverCertificate: { serial: summary.serial, notAfter: summary.notAfter, sans: summary.sans } };
    await deps.db.host.update({ where: { id: target.hostId }, data: { machine: machine as Prisma.InputJsonValue } });
    deps.changes.publish({ type: 'host.updated', hostId: target.hostId });
    return { notAfter: summary.notAfter, log: lines };
  });
}
