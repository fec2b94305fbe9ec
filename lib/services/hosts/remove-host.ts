// Removes a host after the user typed its name: "forget" drops it from Wharf and leaves the
// machine and its engine alone; "delete" (provisioned hosts whose driver can) deletes the machine
// first — a droplet, a local sandbox — and forgets the host only when that worked. The host's CA
// goes with it (Wharf can issue nothing more for that engine); a forgotten machine's engine keeps
// trusting it, so the CLI bundles issued for it open it until they expire.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ProvisionDrivers } from './provision/provision-context.ts';
import { DRIVER_ABILITIES, DRIVER_LABELS } from '../../models/hosts/provision-plan.ts';
import { openProvisionedMachine } from './lifecycle/open-provisioned-machine.ts';
import { deleteAuthorityIfUnused } from './pki/host-authorities.ts';

type Deps = Pick<ServiceDeps, 'db' | 'changes' | 'keyring'> & { drivers?: ProvisionDrivers };

export async function removeHost(deps: Deps, actor: Actor, input: { id: string; confirmName: string; mode?: 'forget' | 'delete' }): Promise<{ log: string[] }> {
  const host = await deps.db.host.findUnique({ where: { id: input.id }, select: { id: true, name: true, driver: true, caId: true } });
  if (!host) throw new AppError('NOT_FOUND', 'That host does not exist.');
  if (input.confirmName.trim() !== host.name) {
    throw new AppError('INVALID_INPUT', `Type the host's name, ${host.name}, to confirm.`, { fieldErrors: { confirmName: ['The name does not match.'] } });
  }
  const mode = input.mode ?? 'forget';
  const lines: string[] = [];
  await audited(deps.db, subjectOf(actor), mode === 'delete' ? 'host.delete-machine' : 'host.delete', { type: 'host', id: host.id, name: host.name }, async () => {
    if (mode === 'delete') {
      const driver = host.driver as keyof typeof DRIVER_ABILITIES | null;
      if (!driver || !DRIVER_ABILITIES[driver]?.deleteMachine || !deps.drivers) {
        throw new AppError('PRECONDITION', driver ? `Wharf cannot delete a machine made with the ${DRIVER_LABELS[driver]} driver: forget the host instead.` : 'Wharf did not make this machine: it can only forget the host.');
      }
      const target = await openProvisionedMachine(deps, host.id);
      await deps.drivers[target.driver].lifecycle.deleteMachine(target, { signal: AbortSignal.timeout(180_000), log: (line) => lines.push(line) });
    }
    await deps.db.host.delete({ where: { id: host.id } });
    if (mode === 'delete') {
      await deps.db.clientCertificate.updateMany({ where: { hostId: host.id, revokedAt: null }, data: { revokedAt: new Date(), revokedByName: actor.username, revokedReason: 'The machine was deleted.' } });
    }
    if (host.driver) await deleteAuthorityIfUnused(deps, host.caId, actor.username);
  });
  deps.changes.publish({ type: 'host.removed', hostId: host.id });
  return { log: lines };
}
