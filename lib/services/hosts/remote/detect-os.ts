// Which operating system a machine runs (from /etc/os-release), whether Wharf can provision it
// (it knows its package manager), whether systemd manages services there, and the CPU architecture.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { StepIo } from '../drivers/step-io.ts';
import type { MachineShell } from './machine-shell.ts';

export interface OsRelease {
  /** Lower-case ID, e.g. "debian", "ubuntu", "fedora"; "" when missing. */
  id: string;
  idLike: string[];
  name: string;
  prettyName: string;
  versionId: string;
}

export type OsFamily = 'debian' | 'fedora' | 'rhel' | 'alpine' | 'suse';
export type PackageManager = 'apt' | 'dnf' | 'yum' | 'apk' | 'zypper';

export interface OsSupport {
  family: OsFamily;
  packageManager: PackageManager;
  /** The os-release ID (or ID_LIKE entry) that matched. */
  matched: string;
}

export interface MachineOs extends OsRelease {
  support: OsSupport;
  /** /run/systemd/system exists: systemd is the init system. */
  systemd: boolean;
  /** `uname -m`, e.g. x86_64, aarch64. */
  arch: string;
}

const FAMILY_OF: Record<string, OsFamily> = {
  debian: 'debian',
  ubuntu: 'debian',
  raspbian: 'debian',
  fedora: 'fedora',
  centos: 'rhel',
  rhel: 'rhel',
  rocky: 'rhel',
  almalinux: 'rhel',
  alpine: 'alpine',
  sles: 'suse',
  opensuse: 'suse',
  'opensuse-leap': 'suse',
  'opensuse-tumbleweed': 'suse',
  suse: 'suse',
};

export const SUPPORTED_OS_IDS = ['debian', 'ubuntu', 'raspbian', 'fedora', 'centos', 'rhel', 'rocky', 'almalinux', 'alpine', 'sles', 'opensuse'] as const;

/** Parses os-release (KEY=value lines; values optionally in double or single quotes with \-escapes). */
export function parseOsRelease(text: string): OsRelease {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/\\([\\"$`])/g, '$1');
    else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    values[m[1]!] = value;
  }
  const id = (values.ID ?? '').toLowerCase();
  return {
    id,
    idLike: (values.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    name: values.NAME ?? (id || 'Linux'),
    prettyName: values.PRETTY_NAME ?? values.NAME ?? (id || 'Linux'),
    versionId: values.VERSION_ID ?? '',
  };
}

function packageManagerOf(family: OsFamily, os: OsRelease): PackageManager {
  switch (family) {
    case 'debian':
      return 'apt';
    case 'fedora':
      return 'dnf';
    case 'rhel':
      return Number.parseInt(os.versionId, 10) < 8 ? 'yum' : 'dnf';
    case 'alpine':
      return 'apk';
    case 'suse':
      return 'zypper';
  }
}

/** How Wharf installs Docker there, or an AppError naming the OS and the supported ones. ID_LIKE counts (e.g. Linux Mint is like ubuntu). */
export function osSupport(os: OsRelease): OsSupport {
  for (const candidate of [os.id, ...os.idLike]) {
    const family = FAMILY_OF[candidate] ?? (candidate.startsWith('opensuse') ? 'suse' : undefined);
    if (family) return { family, packageManager: packageManagerOf(family, os), matched: candidate };
  }
  const shown = os.prettyName && os.prettyName !== os.id ? `${os.prettyName} (ID=${os.id || 'none'})` : `ID=${os.id || 'none'}`;
  throw new AppError('PRECONDITION', msg('provisioning.errors.osUnsupported', { os: shown.slice(0, 120) }));
}

/** True when systemd manages services on the machine. */
export async function hasSystemd(shell: MachineShell, io: StepIo): Promise<boolean> {
  return (await shell.run(['test', '-d', '/run/systemd/system'], io, { okCodes: [0, 1] })).code === 0;
}

export async function detectOs(shell: MachineShell, io: StepIo): Promise<MachineOs> {
  const text = (await shell.readFile('/etc/os-release', io)) ?? (await shell.readFile('/usr/lib/os-release', io));
  if (text === null) {
    throw new AppError('PRECONDITION', msg('provisioning.errors.noOsRelease', { host: shell.host }));
  }
  const release = parseOsRelease(text);
  const support = osSupport(release);
  const systemd = await hasSystemd(shell, io);
  const arch = (await shell.run(['uname', '-m'], io)).stdout.trim().slice(0, 40);
  io.log(
    msg('provisioning.log.osDetected', {
      name: release.prettyName.slice(0, 120),
      id: support.matched === release.id ? release.id : `${release.id}, like ${support.matched}`,
      manager: support.packageManager,
      systemd: systemd ? 'yes' : 'no',
      arch,
    }),
  );
  return { ...release, support, systemd, arch };
}
