// Reads a host made by provisioning, with the machine's secrets opened, for a lifecycle action.
// A registered (not provisioned) host has no machine: the actions say so.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { open } from '@/lib/crypto/secret-box.ts';
import { parseAddress } from '@/lib/models/hosts/connection-spec.ts';
import type { ServiceDeps } from '../../deps.ts';
import { machineSecretContext } from '../provision/check-and-register.ts';
import type { ProvisionedMachine } from '../provision/provision-context.ts';
import { DRIVERS, type DriverName } from '@/lib/models/hosts/provision-plan.ts';

export async function openProvisionedMachine(deps: Pick<ServiceDeps, 'db' | 'keyring'>, hostId: string): Promise<ProvisionedMachine & { driver: DriverName }> {
  const host = await deps.db.host.findUnique({ where: { id: hostId }, select: { id: true, name: true, transport: true, address: true, driver: true, machine: true, machineSealed: true } });
  if (!host) throw new AppError('NOT_FOUND', msg('hosts.errors.notFound'));
  if (!host.driver || !(DRIVERS as readonly string[]).includes(host.driver)) {
    throw new AppError('PRECONDITION', msg('hosts.errors.registeredNotProvisioned', { name: host.name }));
  }
  const machine = (host.machine as Record<string, unknown> | null) ?? {};
  const address = typeof machine.address === 'string' ? machine.address : (parseAddress('tcp', host.address).host ?? host.address);
  return {
    hostId: host.id,
    hostName: host.name,
    driver: host.driver as DriverName,
    address,
    machine,
    secrets: host.machineSealed ? JSON.parse(open(deps.keyring, host.machineSealed, machineSecretContext(host.id))) : {},
  };
}
