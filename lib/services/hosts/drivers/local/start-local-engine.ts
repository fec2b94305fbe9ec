// Starting a local machine's engine: its TLS files in <dir>/tls, then dockerd inside the machine's
// network namespace and a private UTS namespace (its own hostname), detached from the console
// (it survives a console restart) and logging to <dir>/dockerd.log; ready when it answers /_ping
// on its unix socket. Idempotent: an engine already running with the same configuration and
// certificates is left alone; one with different ones is restarted.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { AppError } from '@/lib/errors.ts';
import { ENGINE_TLS_PORT, throwIfCancelled, type EngineTlsFiles, type StepIo } from '../step-io.ts';
import { assertLocalSupport } from './check-local-support.ts';
import { HOSTNAME_WRAPPER, localDaemonJson, localEngineCommand } from './local-dockerd-args.ts';
import { ensurePrivateDir } from './local-folders.ts';
import { assertLocalMachine, localEnginePaths, type LocalEnginePaths, type LocalMachine } from './local-layout.ts';
import { withLocalNetworkLock } from './local-lock.ts';
import { addressesInUse, ensureLocalBridge, ensureMachineNetwork, machineNetworkHealthy } from './local-network.ts';
import { isAlive, namespaceOf, netnsIdOf, processArgv, sleep } from './local-processes.ts';
import { localSubnetFromEnv } from './local-subnet.ts';
import { logTailSince } from './log-tail.ts';
import { engineAnswers } from '@/lib/services/engine/index.ts';
import { runLocalCommand, spawnDetached } from './run-local-command.ts';
import { endLeftoverProcesses, localEnginePids, stopLocalEngine } from './stop-local-engine.ts';

/** How long a starting engine may take to answer /_ping. */
export const ENGINE_START_TIMEOUT_MS = 30_000;
/** Line written to dockerd.log before each start; error messages quote the log from the last one. */
export const LOG_MARKER = '=== wharf: starting dockerd';
/** dockerd.log is moved to dockerd.log.1 at a start when it has grown past this. */
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

/** The last `lines` lines of the log written since the last start. */
export function engineLogTail(logFile: string, lines = 30): string {
  return logTailSince(logFile, LOG_MARKER, lines);
}

/** Writes the TLS files (key 0600) where dockerd reads them. */
async function writeTlsFiles(p: LocalEnginePaths, tls: EngineTlsFiles): Promise<void> {
  await ensurePrivateDir(p.tlsDir);
  for (const [file, content, mode] of [
    [p.caFile, tls.caPem, 0o644],
    [p.certFile, tls.certPem, 0o644],
    [p.keyPemFile, tls.keyPem, 0o600],
  ] as const) {
    const current = await fsp.readFile(file, 'utf8').catch(() => null);
    if (current !== content) {
      const tmp = `${file}.tmp`;
      await fsp.rm(tmp, { force: true });
      await fsp.writeFile(tmp, content, { mode });
      await fsp.rename(tmp, file);
    }
    await fsp.chmod(file, mode);
  }
}

/**
 * A digest of the TLS files, recorded when dockerd starts: a running engine whose record differs
 * from what is asked loaded other certificates (whoever wrote the files in between) and is restarted.
 */
export function tlsDigest(tls: EngineTlsFiles): string {
  return createHash('sha256').update(tls.caPem).update('\0').update(tls.certPem).update('\0').update(tls.keyPem).digest('hex');
}

async function writeIfDifferent(file: string, content: string, mode: number): Promise<void> {
  const current = await fsp.readFile(file, 'utf8').catch(() => null);
  if (current !== content) await fsp.writeFile(file, content, { mode });
  await fsp.chmod(file, mode);
}

function checkTls(tls: EngineTlsFiles): void {
  const pem = (v: unknown, kind: RegExp) => typeof v === 'string' && kind.test(v);
  if (!pem(tls?.caPem, /-----BEGIN CERTIFICATE-----/) || !pem(tls?.certPem, /-----BEGIN CERTIFICATE-----/) || !pem(tls?.keyPem, /-----BEGIN [A-Z ]*PRIVATE KEY-----/)) {
    throw new AppError('INVALID_INPUT', msg('driverText.local.pemNeeded'));
  }
}

/** Why a running engine must be restarted to match what is asked, or null. */
async function restartReason(m: LocalMachine, pid: number, tls: EngineTlsFiles, signal: AbortSignal): Promise<Message | null> {
  const loaded = await fsp.readFile(localEnginePaths(m).tlsDigestFile, 'utf8').catch(() => '');
  if (loaded.trim() !== tlsDigest(tls)) return msg('driverText.local.why.certificates');
  const { args } = localEngineCommand(m);
  const expected = args.slice(args.indexOf('dockerd'));
  const settingsChanged = msg('driverText.local.why.settings');
  if (processArgv(pid)?.join('\0') !== expected.join('\0')) return settingsChanged;
  if (namespaceOf(pid, 'net') !== netnsIdOf(localEnginePaths(m).netnsPath)) return msg('driverText.local.why.namespace', { netns: m.netns });
  const uts = await runLocalCommand(msg('driverText.command.label.readHostname'), 'nsenter', [`--target=${pid}`, '--uts', '--', 'hostname'], { signal, allowFail: true });
  if (uts.code === 0 && uts.stdout.trim() !== m.hostname) return msg('driverText.local.why.hostname', { seen: uts.stdout.trim(), hostname: m.hostname });
  return null;
}

async function rotateLog(logFile: string): Promise<void> {
  const st = await fsp.stat(logFile).catch(() => null);
  if (st && st.size > LOG_ROTATE_BYTES) await fsp.rename(logFile, `${logFile}.1`);
}

/** Waits until the engine answers /_ping; throws with the log tail if dockerd exits or the time runs out. */
async function waitUntilReady(m: LocalMachine, pid: number, io: StepIo): Promise<void> {
  const p = localEnginePaths(m);
  const started = Date.now();
  let nextNote = started + 5_000;
  for (;;) {
    throwIfCancelled(io);
    if (await engineAnswers({ transport: 'unix', socketPath: p.socket }, 1_000)) {
      io.log(msg('driverText.log.engineAnswers', { seconds: ((Date.now() - started) / 1000).toFixed(1) }));
      return;
    }
    const failure = !isAlive(pid)
      ? msg('driverText.local.dockerdExited')
      : Date.now() - started >= ENGINE_START_TIMEOUT_MS
        ? msg('driverText.local.dockerdSilent', { seconds: ENGINE_START_TIMEOUT_MS / 1000 })
        : null;
    if (failure) {
      const tail = engineLogTail(p.logFile);
      throw new AppError('ENGINE_ERROR', msg('driverText.local.engineNotStarted', { hostname: m.hostname, failure, logFile: p.logFile, tail: tail || '(empty)' }));
    }
    if (Date.now() >= nextNote) {
      io.log(msg('driverText.log.engineWaiting', { seconds: Math.round((Date.now() - started) / 1000) }));
      nextNote += 5_000;
    }
    await sleep(200);
  }
}

/** A StepIo for cleaning up after a failed or cancelled start: same log, never cancelled. */
function cleanupIo(io: StepIo): StepIo {
  return { signal: new AbortController().signal, log: (line) => io.log(line) };
}

export async function startLocalEngine(machine: LocalMachine, tls: EngineTlsFiles, io: StepIo): Promise<void> {
  const m = assertLocalMachine(machine);
  checkTls(tls);
  throwIfCancelled(io);
  await assertLocalSupport();
  const p = localEnginePaths(m);
  await ensurePrivateDir(m.dir);
  await ensurePrivateDir(m.execRoot);
  await writeTlsFiles(p, tls);

  // The network may be gone (e.g. after a reboot): make it again with the machine's own address.
  if (!(await machineNetworkHealthy(m.netns, m.veth, m.address, io.signal))) {
    const subnet = localSubnetFromEnv();
    await withLocalNetworkLock(async () => {
      const others = await addressesInUse(m.netns, io.signal);
      if (others.includes(m.address)) {
        throw new AppError('CONFLICT', msg('driverText.local.addressClash', { address: m.address }));
      }
      io.log(msg('driverText.log.networkRepairing', { hostname: m.hostname }));
      await ensureLocalBridge(subnet, io);
      await ensureMachineNetwork(m.netns, m.veth, m.address, subnet, io);
    });
  }

  const running = await localEnginePids(m);
  if (running.length === 1) {
    const why = await restartReason(m, running[0]!, tls, io.signal);
    if (!why) {
      if (await engineAnswers({ transport: 'unix', socketPath: p.socket }, 2_000)) {
        io.log(msg('driverText.log.engineRunning', { hostname: m.hostname, pid: String(running[0]) }));
        return;
      }
      io.log(msg('driverText.log.dockerdWaiting', { pid: String(running[0]) }));
      try {
        await waitUntilReady(m, running[0]!, io);
        return;
      } catch (e) {
        throwIfCancelled(io);
        io.log(msg('driverText.log.dockerdRestarting', { detail: (e as Error).message.split('\n')[0] }));
      }
    } else {
      io.log(msg('driverText.log.engineRestarting', { hostname: m.hostname, why }));
    }
  }
  if (running.length) await stopLocalEngine(m, io);
  // A dockerd that crashed leaves containerd, shims, docker-proxy and containers behind; a fresh
  // dockerd would stop those containers anyway, and a left docker-proxy would hold its ports.
  else await endLeftoverProcesses(m, io);

  // Leftovers of a dockerd that died (pidfile, socket) would make the new one refuse to start.
  await fsp.rm(p.pidfile, { force: true });
  await fsp.rm(p.socket, { force: true });
  await ensurePrivateDir(path.dirname(p.wrapper));
  await writeIfDifferent(p.wrapper, HOSTNAME_WRAPPER, 0o700);
  await writeIfDifferent(p.configFile, localDaemonJson(m), 0o600);
  await rotateLog(p.logFile);
  await fsp.appendFile(p.logFile, `\n${LOG_MARKER} for ${m.hostname} at ${new Date().toISOString()} ===\n`, { mode: 0o600 });
  throwIfCancelled(io);

  const { command, args } = localEngineCommand(m);
  io.log(msg('driverText.log.dockerdStarting', { hostname: m.hostname, netns: m.netns, endpoint: `tcp://${m.address}:${ENGINE_TLS_PORT}`, logFile: p.logFile }));
  const pid = spawnDetached(command, args, p.logFile);
  await fsp.writeFile(p.tlsDigestFile, `${tlsDigest(tls)}\n`, { mode: 0o600 });
  try {
    await waitUntilReady(m, pid, io);
  } catch (e) {
    // Leave nothing half-started behind: a retry starts from a clean state.
    await stopLocalEngine(m, cleanupIo(io)).catch(() => {});
    throw e;
  }
}
