// Issues a client certificate and records it (who holds it, for which host, from which CA, until
// when), so that every certificate Wharf handed out can be listed, revoked by rotating its CA,
// and CLI use traced back to a user.
import 'server-only';
import type { ServiceDeps } from '../../deps.ts';
import type { TlsMaterial } from '@/lib/models/hosts/connection-spec.ts';
import { issueClientCertificate } from './certificates.ts';
import type { StoredCa } from './host-authorities.ts';

type Holder = { kind: 'console'; hostId: string; hostName: string } | { kind: 'user'; userId: string; username: string; hostId: string; hostName: string; days: number };

export async function issueRecordedClientCertificate(deps: Pick<ServiceDeps, 'db'>, ca: StoredCa, holder: Holder): Promise<TlsMaterial & { serial: string; notAfter: Date }> {
  const issued = await issueClientCertificate(ca, holder.kind === 'console' ? { kind: 'console' } : { kind: 'user', username: holder.username, userId: holder.userId, hostName: holder.hostName, days: holder.days });
  await deps.db.clientCertificate.create({
    data: {
      serial: issued.serial,
      holder: holder.kind,
      userId: holder.kind === 'user' ? holder.userId : null,
      username: holder.kind === 'user' ? holder.username : null,
      hostId: holder.hostId,
      hostName: holder.hostName,
      caId: ca.id,
      subject: issued.subject,
      notAfter: issued.notAfter,
    },
  });
  return { ca: ca.certPem, cert: issued.certPem, key: issued.keyPem, serial: issued.serial, notAfter: issued.notAfter };
}
