// Docker Machine's regenerate-certs: a new server certificate from the host's own CA for the
// machine's addresses, put in place and the engine restarted, then checked over TLS with Wharf's
// own client certificate. Client certificates already issued (CLI bundles) keep working: the CA
// is the same. A host provisioned before hosts had their own CA gets one instead (its engine stops
// trusting the former shared CA): that is how existing hosts move to a CA of their own.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { LogLine } from '../drivers/step-io.ts';
import { storedText } from '../provision/stored-text.ts';
import { collectingIo, type LifecycleDeps } from './lifecycle-deps.ts';
import { renewServerCertificate, rotateHostAuthority, withTlsChange } from './engine-trust.ts';
import { openProvisionedMachine } from './open-provisioned-machine.ts';

export async function regenerateHostCertificates(deps: LifecycleDeps, actor: Actor, input: { id: string }): Promise<{ notAfter: string; movedToOwnCa: boolean; log: LogLine[] }> {
  const target = await openProvisionedMachine(deps, input.id);
  return audited(deps.db, subjectOf(actor), 'host.regenerate-certificates', { type: 'host', id: target.hostId, name: target.hostName }, () =>
    withTlsChange(deps, target, async () => {
      const { io, lines } = collectingIo(180_000);
      const { caId } = await deps.db.host.findUniqueOrThrow({ where: { id: target.hostId }, select: { caId: true } });
      const result = caId
        ? await renewServerCertificate(deps, target, io)
        : await rotateHostAuthority(deps, target, { byName: actor.username, reason: storedText(msg('hosts.bundles.reasons.movedToOwnCa', { name: target.hostName })) }, io);
      deps.changes.publish({ type: 'host.updated', hostId: target.hostId });
      return { notAfter: result.notAfter, movedToOwnCa: !caId, log: lines };
    }),
  );
}
