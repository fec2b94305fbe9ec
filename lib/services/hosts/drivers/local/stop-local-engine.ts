// Stopping a local machine's engine, and asking whether it runs. dockerd gets SIGTERM (it stops
// its containers, each within ENGINE_SHUTDOWN_SECONDS), then SIGKILL if it has not exited in time;
// whatever is left in the machine's namespace or cgroup (containerd, shims, docker-proxy,
// container processes) is ended after it.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { throwIfCancelled, type StepIo } from '../step-io.ts';
import { ENGINE_SHUTDOWN_SECONDS } from './local-dockerd-args.ts';
import { assertLocalMachine, localEnginePaths, type LocalMachine } from './local-layout.ts';
import { descendantsOf, isAlive, netnsIdOf, pidsInCgroup, pidsInNetns, processArgv, programOf, readPidfile, signalProcess, sleep, terminateAll } from './local-processes.ts';
import { engineAnswers } from '@/lib/services/engine/index.ts';

/** How long dockerd gets after SIGTERM before SIGKILL: its containers' stop time plus its own. */
export const ENGINE_STOP_GRACE_MS = (ENGINE_SHUTDOWN_SECONDS + 10) * 1000;

function isEngineOf(pid: number, pidfile: string): boolean {
  const argv = processArgv(pid);
  if (!argv || programOf(pid) !== 'dockerd') return false;
  const i = argv.indexOf('--pidfile');
  return i >= 0 && argv[i + 1] === pidfile;
}

/**
 * Pids of this machine's dockerd: the one in its pidfile, and any other dockerd started with its
 * pidfile (one still starting has not written it yet).
 */
export async function localEnginePids(machine: LocalMachine): Promise<number[]> {
  const { pidfile } = localEnginePaths(assertLocalMachine(machine));
  const out = new Set<number>();
  const fromFile = readPidfile(pidfile);
  if (fromFile && isEngineOf(fromFile, pidfile)) out.add(fromFile);
  for (const name of await fsp.readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (!out.has(pid) && pid !== process.pid && isEngineOf(pid, pidfile)) out.add(pid);
  }
  return [...out];
}

/** True when the machine's engine answers /_ping on its unix socket (a dockerd still starting does not count). */
export async function localEngineRunning(machine: LocalMachine): Promise<boolean> {
  const m = assertLocalMachine(machine);
  return engineAnswers({ transport: 'unix', socketPath: localEnginePaths(m).socket }, 2_000);
}

/** Processes left in the machine's namespace or cgroup, with their descendants (never this process). */
export async function leftoverProcesses(machine: LocalMachine): Promise<number[]> {
  const p = localEnginePaths(machine);
  const found = new Set<number>();
  const nsId = netnsIdOf(p.netnsPath);
  if (nsId) for (const pid of await pidsInNetns(nsId)) found.add(pid);
  for (const pid of await pidsInCgroup(p.cgroupParent)) found.add(pid);
  const containerd = readPidfile(path.join(machine.execRoot, 'containerd', 'containerd.pid'));
  if (containerd && programOf(containerd) === 'containerd' && processArgv(containerd)?.some((a) => a.startsWith(machine.execRoot))) found.add(containerd);
  for (const pid of await descendantsOf([...found])) found.add(pid);
  found.delete(process.pid);
  return [...found];
}

/** Ends every process left in the machine's namespace or cgroup: SIGTERM, then SIGKILL after `termMs`. */
export async function endLeftoverProcesses(machine: LocalMachine, io: StepIo, termMs = 3_000): Promise<void> {
  const left = await leftoverProcesses(machine);
  if (!left.length) return;
  io.log(msg('driverText.log.processesEnding', { count: left.length, netns: machine.netns }));
  const stuck = await terminateAll(left, termMs);
  if (stuck.length) io.log(msg('driverText.log.processesStuck', { pids: stuck.join(', ') }));
}

export async function stopLocalEngine(machine: LocalMachine, io: StepIo): Promise<void> {
  const m = assertLocalMachine(machine);
  throwIfCancelled(io);
  const p = localEnginePaths(m);
  const pids = await localEnginePids(m);
  if (!pids.length) {
    io.log(msg('driverText.log.engineNotRunning', { hostname: m.hostname }));
  } else {
    io.log(msg('driverText.log.engineStopping', { hostname: m.hostname, pids: pids.join(', ') }));
    const started = Date.now();
    for (const pid of pids) signalProcess(pid, 'SIGTERM');
    let nextNote = started + 5_000;
    while (pids.some(isAlive) && Date.now() - started < ENGINE_STOP_GRACE_MS) {
      throwIfCancelled(io);
      if (Date.now() >= nextNote) {
        io.log(msg('driverText.log.dockerdStopWaiting', { seconds: Math.round((Date.now() - started) / 1000) }));
        nextNote += 5_000;
      }
      await sleep(50);
    }
    const alive = pids.filter(isAlive);
    if (alive.length) {
      io.log(msg('driverText.log.dockerdKilling', { seconds: ENGINE_STOP_GRACE_MS / 1000 }));
      await terminateAll(alive, 0);
    }
    io.log(msg('driverText.log.engineStopped', { seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  }
  await endLeftoverProcesses(m, io);
  if (!(await localEnginePids(m)).length) {
    await fsp.rm(p.pidfile, { force: true });
    if (existsSync(p.socket)) await fsp.rm(p.socket, { force: true });
  }
}
