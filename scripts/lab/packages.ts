// Makes sure the Debian packages the lab needs are installed (apt-get, as root), checking for their binaries first.
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { LabError, SYSTEM_PATH, childEnv, progress, run } from './run.ts';

interface Requirement {
  pkg: string;
  /** Present when any of these files exists (absolute) or is found on PATH (bare name). */
  anyOf: string[];
  /** Extra test of a found file. */
  check?: (file: string) => boolean;
}

/** True when an ELF executable has no program interpreter (statically linked). */
export function isStaticElf(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const hdr = Buffer.alloc(64);
    if (readSync(fd, hdr, 0, 64, 0) < 64 || hdr.readUInt32BE(0) !== 0x7f454c46 || hdr[4] !== 2) return false;
    const phoff = Number(hdr.readBigUInt64LE(32));
    const phentsize = hdr.readUInt16LE(54);
    const phnum = hdr.readUInt16LE(56);
    const ph = Buffer.alloc(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    for (let i = 0; i < phnum; i++) if (ph.readUInt32LE(i * phentsize) === 3 /* PT_INTERP */) return false;
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const LAB_REQUIREMENTS: Requirement[] = [
  { pkg: 'docker.io', anyOf: ['dockerd'] },
  { pkg: 'docker.io', anyOf: ['docker'] },
  { pkg: 'containerd', anyOf: ['containerd'] },
  { pkg: 'runc', anyOf: ['runc'] },
  { pkg: 'busybox-static', anyOf: ['/bin/busybox', '/usr/bin/busybox'], check: isStaticElf },
  { pkg: 'docker-registry', anyOf: ['docker-registry'] },
  // The syslog receiver the audit forwarding tests start (scripts/lab/syslog-receiver.ts), and its TLS driver.
  { pkg: 'rsyslog', anyOf: ['/usr/sbin/rsyslogd'] },
  { pkg: 'rsyslog-openssl', anyOf: ['/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_ossl.so', '/usr/lib/aarch64-linux-gnu/rsyslog/lmnsd_ossl.so'] },
  // The LDAP directory the directory sign-in tests bind to (scripts/lab/ldap-directory.ts).
  { pkg: 'slapd', anyOf: ['/usr/sbin/slapd'] },
  { pkg: 'slapd', anyOf: ['/usr/sbin/slapadd'] },
  { pkg: 'ldap-utils', anyOf: ['ldapsearch'] },
  { pkg: 'apache2-utils', anyOf: ['htpasswd'] },
  // The git server the git stack tests fetch from and push to (scripts/lab/git-host.ts).
  { pkg: 'git', anyOf: ['/usr/lib/git-core/git-http-backend'] },
  // Compose v1 (1.29), which the compose projects' parity test runs beside Wharf.
  { pkg: 'docker-compose', anyOf: ['docker-compose'] },
  // Chinese glyphs for the screenshots the zh-CN journeys keep (e2e/zh-cn.spec.ts).
  { pkg: 'fonts-noto-cjk', anyOf: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'] },
  // The load balancer in front of console replicas (scripts/lab/balancer.ts).
  { pkg: 'haproxy', anyOf: ['/usr/sbin/haproxy'] },
  { pkg: 'openssh-server', anyOf: ['/usr/sbin/sshd'] },
  { pkg: 'openssh-client', anyOf: ['ssh'] },
  { pkg: 'openssh-client', anyOf: ['ssh-keygen'] },
  { pkg: 'iproute2', anyOf: ['ip'] },
  { pkg: 'openssl', anyOf: ['openssl'] },
  { pkg: 'util-linux', anyOf: ['nsenter'] },
  { pkg: 'util-linux', anyOf: ['unshare'] },
  { pkg: 'mount', anyOf: ['mount'] },
  { pkg: 'hostname', anyOf: ['hostname'] },
  { pkg: 'tar', anyOf: ['tar'] },
];

/** Browser for the end-to-end tests; skipped with WHARF_LAB_NO_BROWSER=1. */
const BROWSER_REQUIREMENT: Requirement = { pkg: 'chromium', anyOf: ['/usr/bin/chromium'] };

/** First absolute path of a program found on PATH (plus the sbin dirs), or null. */
export function which(program: string): string | null {
  if (program.startsWith('/')) return existsSync(program) ? program : null;
  const dirs = [...(process.env.PATH ?? '').split(':'), ...SYSTEM_PATH.split(':')].filter(Boolean);
  for (const d of dirs) {
    const p = `${d}/${program}`;
    if (existsSync(p)) return p;
  }
  return null;
}

function satisfied(req: Requirement): boolean {
  for (const cand of req.anyOf) {
    const found = which(cand);
    if (found && (!req.check || req.check(found))) return true;
  }
  return false;
}

/** Debian packages whose binaries are missing. */
export function missingPackages(): string[] {
  const reqs = [...LAB_REQUIREMENTS];
  if (process.env.WHARF_LAB_NO_BROWSER !== '1') reqs.push(BROWSER_REQUIREMENT);
  return [...new Set(reqs.filter((r) => !satisfied(r)).map((r) => r.pkg))];
}

/** Installs missing packages with apt-get (update once, then install); requires root. */
export async function ensurePackages(): Promise<void> {
  const missing = missingPackages();
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new LabError('packages', `missing Debian packages: ${missing.join(' ')}. Run the lab as root so it can install them, or install them yourself.`);
  }
  if (!which('apt-get')) throw new LabError('packages', `missing packages ${missing.join(' ')} and no apt-get on this machine (the lab expects Debian 12)`);
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  progress(`installing Debian packages: ${missing.join(' ')} (apt-get update + install)`);
  try {
    await run('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 });
    await run('apt-get', ['install', '-y', ...missing], { env, timeoutMs: 30 * 60_000 });
  } catch (e) {
    throw new LabError('packages', `apt-get failed: ${(e as Error).message}`);
  }
  const still = missingPackages();
  if (still.length) throw new LabError('packages', `still missing after apt-get install: ${still.join(' ')}`);
}
