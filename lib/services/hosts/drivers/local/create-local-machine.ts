// Creating a local machine: its folders, an address on the local machines' range, its network
// namespace wired to the wharf-br0 bridge. Idempotent: re-running after a half-made attempt
// repairs what is missing and keeps the address the namespace already has.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';
import { throwIfCancelled, type StepIo } from '../step-io.ts';
import { assertLocalSupport } from './check-local-support.ts';
import { ensurePrivateDir } from './local-folders.ts';
import { assertSafeName, localMachineLayout, localNameFor, type LocalMachine } from './local-layout.ts';
import { withLocalNetworkLock } from './local-lock.ts';
import { addressesInUse, assertSubnetFree, ensureLocalBridge, ensureMachineNetwork, namespaceAddresses } from './local-network.ts';
import { isMachineAddress, localSubnetFromEnv, lowestFreeAddress, machineCapacity } from './local-subnet.ts';

export type { LocalMachine } from './local-layout.ts';

export interface CreateLocalMachineInput {
  machineId: string;
  /** The engine's hostname ([a-z0-9-], at most 63). */
  hostname: string;
  /** Absolute folder; the machine's files go to <dataDir>/machines/<machineId>. */
  dataDir: string;
  /** Addresses other machines have (from the database). This machine's own may be included: a namespace that already has one keeps it. */
  usedAddresses: string[];
}

export async function createLocalMachine(input: CreateLocalMachineInput, io: StepIo): Promise<LocalMachine> {
  throwIfCancelled(io);
  await assertLocalSupport();
  assertSafeName('machineId', input.machineId);
  assertSafeName('hostname', input.hostname);
  const subnet = localSubnetFromEnv();
  const netns = localNameFor(input.machineId);
  const draft = localMachineLayout({ ...input, address: '' });

  await ensurePrivateDir(draft.dir);
  await ensurePrivateDir(draft.execRoot);
  throwIfCancelled(io);

  return withLocalNetworkLock(async () => {
    throwIfCancelled(io);
    await assertSubnetFree(subnet, io.signal);
    await ensureLocalBridge(subnet, io);
    const own = (await namespaceAddresses(netns, io.signal)).find((a) => isMachineAddress(subnet, a));
    let address = own;
    if (address) {
      io.log(msg('driverText.log.namespaceKept', { netns, address }));
    } else {
      const taken = [...input.usedAddresses, ...(await addressesInUse(netns, io.signal))];
      address = lowestFreeAddress(subnet, taken) ?? undefined;
      if (!address) {
        throw new AppError('PRECONDITION', msg('driverText.local.rangeFull', { cidr: subnet.cidr, capacity: machineCapacity(subnet) }));
      }
    }
    const machine = localMachineLayout({ ...input, address });
    await ensureMachineNetwork(machine.netns, machine.veth, machine.address, subnet, io);
    io.log(msg('driverText.log.machineReady', { hostname: machine.hostname, address: machine.address, bridge: machine.bridge, dir: machine.dir }));
    return machine;
  });
}
