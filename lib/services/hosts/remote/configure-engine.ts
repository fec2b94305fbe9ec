// Makes dockerd serve Wharf: the engine's certificates under /etc/docker/wharf, Wharf's keys merged
// into /etc/docker/daemon.json (the owner's other keys kept), and dockerd restarted with them, by
// systemd (a drop-in without -H) or by Wharf's supervisor where there is no systemd. Safe to run
// again: certificates are replaced and dockerd restarted.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { ENGINE_TLS_PORT, throwIfCancelled, type EngineTlsFiles, type StepIo } from '../drivers/step-io.ts';
import type { MachineShell } from './machine-shell.ts';
import { hasSystemd } from './detect-os.ts';
import { findDockerd } from './install-docker.ts';
import {
  DAEMON_JSON_PATH,
  ENGINE_CA_PATH,
  ENGINE_CERT_PATH,
  ENGINE_KEY_PATH,
  WHARF_CERT_DIR,
  formatDaemonJson,
  mergeDaemonConfig,
  parseDaemonJson,
  wharfDaemonSettings,
} from './daemon-config.ts';
import {
  SYSTEMD_DROP_IN_PATH,
  installSupervisor,
  startSupervisor,
  stopSupervised,
  systemctl,
  systemdDropIn,
  unitUsesSystemContainerd,
  waitEngineReady,
} from './engine-service.ts';
import { controlEngine } from './control-engine.ts';

export interface EngineSetupOptions {
  /** Whether systemd manages services (from detectOs); detected when left out. */
  systemd?: boolean;
  /** How long dockerd may take to answer after its restart (default 90 s). */
  readyTimeoutMs?: number;
}

function checkPem(what: 'ca' | 'cert' | 'key', pem: string, kind: RegExp): void {
  if (!kind.test(pem) || pem.length > 64 * 1024) throw new AppError('INVALID_INPUT', msg('provisioning.errors.notPem', { what }));
}

/** Writes the CA, server certificate (0644) and key (0600) where daemon.json points. */
export async function installEngineCertificates(shell: MachineShell, files: EngineTlsFiles, io: StepIo): Promise<void> {
  checkPem('ca', files.caPem, /-----BEGIN CERTIFICATE-----/);
  checkPem('cert', files.certPem, /-----BEGIN CERTIFICATE-----/);
  checkPem('key', files.keyPem, /-----BEGIN (EC |RSA )?PRIVATE KEY-----/);
  io.log(msg('provisioning.log.installingCerts', { dir: WHARF_CERT_DIR }));
  await shell.writeFile(ENGINE_CA_PATH, files.caPem, 0o644, io);
  await shell.writeFile(ENGINE_CERT_PATH, files.certPem, 0o644, io);
  await shell.writeFile(ENGINE_KEY_PATH, files.keyPem, 0o600, io);
}

/** Merges Wharf's keys into daemon.json (refusing a file that is not JSON) and writes it back when something changed. */
export async function writeDaemonConfig(shell: MachineShell, io: StepIo, port = ENGINE_TLS_PORT): Promise<void> {
  const current = parseDaemonJson(await shell.readFile(DAEMON_JSON_PATH, io));
  const { config, changed } = mergeDaemonConfig(current, wharfDaemonSettings(port));
  const kept = Object.keys(current).filter((k) => !(k in wharfDaemonSettings(port)));
  if (changed.length) await shell.writeFile(DAEMON_JSON_PATH, formatDaemonJson(config), 0o644, io);
  const keptList = kept.length ? `${kept.slice(0, 20).join(', ')}${kept.length > 20 ? ', …' : ''}` : 'none';
  io.log(msg('provisioning.log.daemonJson', { path: DAEMON_JSON_PATH, set: changed.length ? changed.join(', ') : 'none', kept: keptList }));
}

export async function configureEngine(shell: MachineShell, files: EngineTlsFiles, io: StepIo, options: EngineSetupOptions = {}): Promise<void> {
  const systemd = options.systemd ?? (await hasSystemd(shell, io));
  const dockerd = await findDockerd(shell, io);
  if (!dockerd) throw new AppError('PRECONDITION', msg('provisioning.errors.noDockerd', { host: shell.host }));
  // Read and check daemon.json before changing anything.
  parseDaemonJson(await shell.readFile(DAEMON_JSON_PATH, io));
  await installEngineCertificates(shell, files, io);
  await writeDaemonConfig(shell, io);
  throwIfCancelled(io);
  if (systemd) {
    const useContainerd = await unitUsesSystemContainerd(shell, io);
    io.log(msg('provisioning.log.systemdDropIn', { path: SYSTEMD_DROP_IN_PATH, dockerd }));
    await shell.writeFile(SYSTEMD_DROP_IN_PATH, systemdDropIn(dockerd, useContainerd), 0o644, io);
    await systemctl(shell, io, ['daemon-reload']);
    await systemctl(shell, io, ['enable', 'docker.service'], 'any');
    await systemctl(shell, io, ['restart', 'docker.service']);
  } else {
    io.log(msg('provisioning.log.noSystemd'));
    await installSupervisor(shell, io);
    await stopSupervised(shell, io, { includeSystemService: true });
    await startSupervisor(shell, io);
  }
  await waitEngineReady(shell, io, { systemd, timeoutMs: options.readyTimeoutMs });
  io.log(msg('provisioning.log.engineListens', { port: String(ENGINE_TLS_PORT) }));
}

/** New server certificate files in place, then the engine restarted with them. */
export async function replaceEngineCertificates(shell: MachineShell, files: EngineTlsFiles, io: StepIo, options: EngineSetupOptions = {}): Promise<void> {
  await installEngineCertificates(shell, files, io);
  await controlEngine(shell, 'restart', io, options);
}
