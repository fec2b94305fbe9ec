// Installs Docker with the machine's own package manager when dockerd is missing (Docker Machine
// ran get.docker.com; Wharf uses the distribution's packages, or Docker's repository where the
// distribution has none). Output streams to the step's log line by line.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { throwIfCancelled, type StepIo } from '../drivers/step-io.ts';
import type { MachineShell } from './machine-shell.ts';
import type { MachineOs, OsRelease, OsSupport } from './detect-os.ts';
import { remoteScript } from './remote-command.ts';

/** argv lists, run in order as root. Fixed words only: nothing here comes from the machine or the user. */
export function dockerInstallPlan(os: Pick<OsRelease, 'id' | 'versionId'> & { support: OsSupport }): string[][] {
  const { family, packageManager } = os.support;
  switch (family) {
    case 'debian':
      return [
        ['apt-get', 'update'],
        // confold: keep an existing /etc/docker/daemon.json.
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', 'docker.io'],
      ];
    case 'fedora':
      return [['dnf', 'install', '-y', 'moby-engine']];
    case 'rhel': {
      // RHEL and its rebuilds ship no Docker engine: Docker's own repository.
      const repo = os.id === 'rhel' ? 'https://download.docker.com/linux/rhel/docker-ce.repo' : 'https://download.docker.com/linux/centos/docker-ce.repo';
      if (packageManager === 'yum') {
        return [['yum', 'install', '-y', 'yum-utils'], ['yum-config-manager', '--add-repo', repo], ['yum', 'install', '-y', 'docker-ce', 'docker-ce-cli', 'containerd.io']];
      }
      return [['dnf', 'install', '-y', 'dnf-plugins-core'], ['dnf', 'config-manager', '--add-repo', repo], ['dnf', 'install', '-y', 'docker-ce', 'docker-ce-cli', 'containerd.io']];
    }
    case 'alpine':
      return [['apk', 'add', '--no-cache', 'docker']];
    case 'suse':
      return [['zypper', '--non-interactive', 'install', 'docker']];
  }
}

const FIND_DOCKERD = `command -v dockerd || exit 3`;

/** Path of dockerd on the machine (as root sees PATH), or null. */
export async function findDockerd(shell: MachineShell, io: StepIo): Promise<string | null> {
  const res = await shell.run(remoteScript('find dockerd', FIND_DOCKERD), io, { sudo: true, okCodes: [0, 3] });
  const path = res.stdout.trim().split('\n')[0] ?? '';
  return res.code === 0 && path.startsWith('/') ? path : null;
}

async function dockerdVersion(shell: MachineShell, io: StepIo): Promise<string> {
  const res = await shell.run(['dockerd', '--version'], io, { sudo: true, okCodes: 'any' });
  return (res.stdout.trim() || res.stderr.trim()).split('\n')[0]!.slice(0, 200);
}

/** Installs Docker unless dockerd is already there. Returns whether it installed and the version found. */
export async function installDocker(shell: MachineShell, os: MachineOs, io: StepIo): Promise<{ installed: boolean; version: string }> {
  const existing = await findDockerd(shell, io);
  if (existing) {
    const version = await dockerdVersion(shell, io);
    io.log(msg('provisioning.log.dockerPresent', { path: existing, version }));
    return { installed: false, version };
  }
  const plan = dockerInstallPlan(os);
  io.log(msg('provisioning.log.dockerInstalling', { manager: os.support.packageManager, count: plan.length }));
  for (const argv of plan) {
    throwIfCancelled(io);
    io.log(`$ ${argv.join(' ')}`);
    await shell.run(argv, io, { sudo: true, logOutput: true, timeoutMs: 20 * 60_000 });
  }
  const installed = await findDockerd(shell, io);
  if (!installed) {
    throw new AppError('ENGINE_ERROR', msg('provisioning.errors.dockerdMissingAfterInstall', { manager: os.support.packageManager, host: shell.host }));
  }
  const version = await dockerdVersion(shell, io);
  io.log(msg('provisioning.log.dockerInstalled', { version }));
  return { installed: true, version };
}
