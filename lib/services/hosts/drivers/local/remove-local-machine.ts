// Removing a local machine: its engine and every process left in its namespace or cgroup
// (containers too), what dockerd left mounted, its namespace and veth, its cgroup, its folders,
// and the bridge once no local machine uses it. Idempotent: whatever is already gone is skipped.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { existsSync, promises as fsp } from 'node:fs';
import { AppError } from '@/lib/errors.ts';
import { throwIfCancelled, type StepIo } from '../step-io.ts';
import { assertLocalSupport } from './check-local-support.ts';
import { assertLocalMachine, localEnginePaths, type LocalMachine } from './local-layout.ts';
import { withLocalNetworkLock } from './local-lock.ts';
import { unmountBelow } from './local-mounts.ts';
import { deleteMachineNetwork, removeBridgeIfUnused } from './local-network.ts';
import { removeCgroup } from './local-processes.ts';
import { endLeftoverProcesses, leftoverProcesses, stopLocalEngine } from './stop-local-engine.ts';

async function removeFolder(dir: string, io: StepIo): Promise<void> {
  if (!existsSync(dir)) return;
  const stuck = await unmountBelow(dir, io.signal);
  // Never delete recursively through something still mounted (it could be any folder of this machine).
  if (stuck.length) throw new AppError('INTERNAL', msg('driverText.local.unmountStuck', { mounts: stuck.slice(0, 3).join(', '), dir }));
  io.log(msg('driverText.log.folderDeleting', { dir }));
  await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

export async function removeLocalMachine(machine: LocalMachine, io: StepIo): Promise<void> {
  const m = assertLocalMachine(machine);
  throwIfCancelled(io);
  await assertLocalSupport();
  await stopLocalEngine(m, io);
  await endLeftoverProcesses(m, io);
  const left = await leftoverProcesses(m);
  if (left.length) throw new AppError('INTERNAL', msg('driverText.local.processesStuck', { pids: left.join(', '), netns: m.netns }));
  throwIfCancelled(io);

  await unmountBelow(m.execRoot, io.signal);
  await unmountBelow(m.dir, io.signal);
  await withLocalNetworkLock(() => deleteMachineNetwork(m.netns, m.veth, io));
  await removeCgroup(localEnginePaths(m).cgroupParent);
  await removeFolder(m.execRoot, io);
  await removeFolder(m.dir, io);
  await withLocalNetworkLock(() => removeBridgeIfUnused(io));
  io.log(msg('driverText.log.machineRemoved', { hostname: m.hostname }));
}
