// Where Wharf logs in to the machine behind a provisioned host for a browser shell: the host's
// driver says (address, user, port, key, the host key pinned at provisioning). A host without SSH
// (the local driver's sandboxes), one registered rather than provisioned, or one with no pinned
// host key is refused with a message saying so. The private key stays on the server.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import type { SshLogin } from '../drivers/step-io.ts';
import { openProvisionedMachine } from '../lifecycle/open-provisioned-machine.ts';
import type { ProvisionDrivers, ProvisionedMachine } from '../provision/provision-context.ts';
import type { DriverName } from '@/lib/models/hosts/provision-plan.ts';

export type HostSshDeps = Pick<ServiceDeps, 'db' | 'keyring'> & { drivers: ProvisionDrivers };

/** A login whose host key is known: Wharf never logs in to a machine it cannot verify. */
export type PinnedSshLogin = SshLogin & { hostKey: string };

export type HostSshTarget = { hostId: string; hostName: string; driver: DriverName; login: PinnedSshLogin };

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** user@address:port, as shown to the user and written in the audit log. */
export const describeLogin = (login: Pick<SshLogin, 'username' | 'host' | 'port'>): string =>
  `${login.username}@${login.host.includes(':') ? `[${login.host}]` : login.host}:${login.port}`;

/** The login for an opened provisioned machine, or an AppError saying why there is none. */
export function sshTargetOf(drivers: ProvisionDrivers, machine: ProvisionedMachine & { driver: DriverName }): HostSshTarget {
  const login = drivers[machine.driver].lifecycle.sshLogin(machine);
  if (!login) {
    throw new AppError('PRECONDITION', msg('hosts.errors.sshNoShell', { name: machine.hostName, driver: machine.driver }));
  }
  if (!login.privateKey) throw new AppError('PRECONDITION', msg('hosts.errors.sshNoKey', { name: machine.hostName }));
  if (!login.hostKey || !FINGERPRINT.test(login.hostKey)) {
    throw new AppError('PRECONDITION', msg('hosts.errors.sshNoHostKey', { name: machine.hostName }));
  }
  return { hostId: machine.hostId, hostName: machine.hostName, driver: machine.driver, login: { ...login, hostKey: login.hostKey } };
}

/** The login for a host's machine, or an AppError saying why there is none. */
export async function hostSshTarget(deps: HostSshDeps, hostId: string): Promise<HostSshTarget> {
  return sshTargetOf(deps.drivers, await openProvisionedMachine(deps, hostId));
}
