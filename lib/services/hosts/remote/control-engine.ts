// Stop, start or restart a provisioned engine (Docker Machine's stop/start/restart), under systemd
// or Wharf's supervisor; and take Wharf's configuration off a machine again.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { throwIfCancelled, type StepIo } from '../drivers/step-io.ts';
import type { MachineShell } from './machine-shell.ts';
import { hasSystemd } from './detect-os.ts';
import { DAEMON_JSON_PATH, WHARF_CERT_DIR, formatDaemonJson, parseDaemonJson, removeWharfDaemonConfig } from './daemon-config.ts';
import {
  SUPERVISOR_PATH,
  SYSTEMD_DROP_IN_PATH,
  engineStatus,
  installSupervisor,
  startSupervisor,
  stopSupervised,
  systemctl,
  waitEngineReady,
  waitEngineStopped,
} from './engine-service.ts';
import { remoteScript } from './remote-command.ts';

export type EngineAction = 'stop' | 'start' | 'restart';

export interface EngineControlOptions {
  /** Whether systemd manages services; detected when left out. */
  systemd?: boolean;
  readyTimeoutMs?: number;
}

async function stopEngine(shell: MachineShell, io: StepIo, systemd: boolean): Promise<void> {
  if (systemd) {
    // docker.socket would start the service again on the next connection.
    await systemctl(shell, io, ['stop', 'docker.socket'], 'any');
    await systemctl(shell, io, ['stop', 'docker.service']);
  } else {
    io.log(msg('hosts.log.stoppingSupervisor'));
    await stopSupervised(shell, io);
  }
  await waitEngineStopped(shell, io);
  io.log(msg('hosts.log.dockerdStopped'));
}

async function startEngine(shell: MachineShell, io: StepIo, systemd: boolean, readyTimeoutMs?: number): Promise<void> {
  if (systemd) {
    await systemctl(shell, io, ['start', 'docker.service']);
  } else {
    const status = await engineStatus(shell, io);
    if (status.supervisor) {
      io.log(msg('hosts.log.supervisorRunning'));
    } else {
      if (status.dockerd) {
        io.log(msg('hosts.log.unsupervisedDockerd'));
        await stopSupervised(shell, io, { includeSystemService: true });
      }
      await installSupervisor(shell, io);
      await startSupervisor(shell, io);
    }
  }
  await waitEngineReady(shell, io, { systemd, timeoutMs: readyTimeoutMs });
}

export async function controlEngine(shell: MachineShell, action: EngineAction, io: StepIo, options: EngineControlOptions = {}): Promise<void> {
  const systemd = options.systemd ?? (await hasSystemd(shell, io));
  io.log(msg('hosts.log.controlling', { action, host: shell.host, systemd: systemd ? 'yes' : 'no' }));
  if (action === 'stop') return stopEngine(shell, io, systemd);
  if (action === 'start') return startEngine(shell, io, systemd, options.readyTimeoutMs);
  if (systemd) {
    await systemctl(shell, io, ['restart', 'docker.service']);
    await waitEngineReady(shell, io, { systemd, timeoutMs: options.readyTimeoutMs });
    return;
  }
  await stopEngine(shell, io, systemd);
  throwIfCancelled(io);
  await startEngine(shell, io, systemd, options.readyTimeoutMs);
}

const REMOVE_PATHS = `rm -rf -- "$@"`;

/**
 * Takes Wharf's configuration off the machine: its keys out of daemon.json (the owner's kept), the
 * systemd drop-in or the supervisor, and the certificates. Under systemd dockerd is restarted as
 * the distribution configured it; without systemd it is left stopped (nothing of Wharf's runs it).
 */
export async function unconfigureEngine(shell: MachineShell, io: StepIo, options: EngineControlOptions = {}): Promise<void> {
  const systemd = options.systemd ?? (await hasSystemd(shell, io));
  const text = await shell.readFile(DAEMON_JSON_PATH, io);
  if (text !== null) {
    const config = removeWharfDaemonConfig(parseDaemonJson(text));
    await shell.writeFile(DAEMON_JSON_PATH, formatDaemonJson(config), 0o644, io);
    io.log(`${DAEMON_JSON_PATH}: removed Wharf's settings (hosts, TLS), kept the others`);
  }
  if (systemd) {
    await shell.run(remoteScript('remove the systemd drop-in', REMOVE_PATHS, [SYSTEMD_DROP_IN_PATH]), io, { sudo: true });
    await systemctl(shell, io, ['daemon-reload']);
    await systemctl(shell, io, ['restart', 'docker.service']);
    await waitEngineReady(shell, io, { systemd, port: null, timeoutMs: options.readyTimeoutMs });
  } else {
    await stopSupervised(shell, io);
    await waitEngineStopped(shell, io);
    await shell.run(remoteScript('remove the supervisor', REMOVE_PATHS, [SUPERVISOR_PATH]), io, { sudo: true });
    io.log('dockerd is stopped: without systemd, nothing starts it any more');
  }
  await shell.run(remoteScript('remove the certificates', REMOVE_PATHS, [WHARF_CERT_DIR]), io, { sudo: true });
  io.log(`Removed ${WHARF_CERT_DIR}`);
}
