// Removes a host after the user typed its name: "forget" drops it from Wharf and leaves the
// machine and its engine alone; "delete" (provisioned hosts whose driver can) deletes the machine
// first — a droplet, a local sandbox — and forgets the host only when that worked. The host's CA
// goes with it (Wharf can issue nothing more for that engine); a forgotten machine's engine keeps
// trusting it, so the CLI bundles issued for it open it until they expire.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ProvisionDrivers } from './provision/provision-context.ts';
import { DRIVER_ABILITIES } from '../../models/hosts/provision-plan.ts';
import type { LogLine } from './drivers/step-io.ts';
import { openProvisionedMachine } from './lifecycle/open-provisioned-machine.ts';
import { deleteAuthorityIfUnused } from './pki/host-authorities.ts';
import { storedText } from './provision/stored-text.ts';

type Deps = Pick<ServiceDeps, 'db' | 'changes' | 'keyring'> & { drivers?: ProvisionDrivers };

export async function removeHost(deps: Deps, actor: Actor, input: { id: string; confirmName: string; mode?: 'forget' | 'delete' }): Promise<{ log: LogLine[] }> {
  const host = await deps.db.host.findUnique({ where: { id: input.id }, select: { id: true, name: true, driver: true, caId: true } });
  if (!host) throw new AppError('NOT_FOUND', msg('hosts.errors.notFound'));
  if (input.confirmName.trim() !== host.name) {
    throw new AppError('INVALID_INPUT', msg('hosts.errors.typeName', { name: host.name }), { fieldErrors: { confirmName: [issueText('hosts.errors.nameMismatch')] } });
  }
  const mode = input.mode ?? 'forget';
  const lines: LogLine[] = [];
  await audited(deps.db, subjectOf(actor), mode === 'delete' ? 'host.delete-machine' : 'host.delete', { type: 'host', id: host.id, name: host.name }, async () => {
    if (mode === 'delete') {
      const driver = host.driver as keyof typeof DRIVER_ABILITIES | null;
      if (!driver || !DRIVER_ABILITIES[driver]?.deleteMachine || !deps.drivers) {
        throw new AppError('PRECONDITION', driver ? msg('hosts.errors.cannotDeleteDriver', { driver: msg(`provisioning.drivers.${driver}`) }) : msg('hosts.errors.notMadeByWharf'));
      }
      const target = await openProvisionedMachine(deps, host.id);
      await deps.drivers[target.driver].lifecycle.deleteMachine(target, { signal: AbortSignal.timeout(180_000), log: (line) => lines.push(line) });
    }
    await deps.db.host.delete({ where: { id: host.id } });
    if (mode === 'delete') {
      await deps.db.clientCertificate.updateMany({ where: { hostId: host.id, revokedAt: null }, data: { revokedAt: new Date(), revokedByName: actor.username, revokedReason: storedText(msg('hosts.bundles.reasons.machineDeleted')) } });
    }
    if (host.driver) await deleteAuthorityIfUnused(deps, host.caId, actor.username);
  });
  deps.changes.publish({ type: 'host.removed', hostId: host.id });
  return { log: lines };
}
