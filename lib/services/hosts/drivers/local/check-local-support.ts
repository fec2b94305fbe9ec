// Can this console run local machines? It must be root (namespaces, a bridge, dockerd) and have
// the programs the driver runs. Each problem is one sentence saying what to do.
import 'server-only';
import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { LOCAL_PATH } from './run-local-command.ts';

export const NEEDS_ROOT = msg('provisioning.local.needsRoot');

/** Programs the driver runs, with the Debian package that installs each. */
export const REQUIRED_PROGRAMS: ReadonlyArray<{ program: string; pkg: string }> = [
  { program: 'dockerd', pkg: 'docker.io' },
  { program: 'containerd', pkg: 'docker.io' },
  { program: 'runc', pkg: 'docker.io' },
  { program: 'ip', pkg: 'iproute2' },
  { program: 'nsenter', pkg: 'util-linux' },
  { program: 'unshare', pkg: 'util-linux' },
  { program: 'umount', pkg: 'mount' },
  { program: 'hostname', pkg: 'hostname' },
];

/** The problems for a uid and a list of missing programs (pure). */
export function describeLocalProblems(uid: number | null, missing: string[]): Message[] {
  const problems: Message[] = [];
  if (uid !== 0) problems.push(NEEDS_ROOT);
  const byPackage = new Map<string, string[]>();
  for (const program of missing) {
    const pkg = REQUIRED_PROGRAMS.find((r) => r.program === program)?.pkg ?? program;
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), program]);
  }
  for (const [pkg, programs] of byPackage) {
    const names = programs.length === 1 ? programs[0]! : msg('provisioning.local.programs', { head: programs.slice(0, -1).join(', '), last: programs.at(-1)! });
    problems.push(msg('provisioning.local.missing', { names, count: programs.length, pkg }));
  }
  return problems;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) return false;
    await fsp.access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Programs from REQUIRED_PROGRAMS not found in LOCAL_PATH (the PATH every command runs with). */
export async function missingPrograms(): Promise<string[]> {
  const dirs = LOCAL_PATH.split(':');
  const missing: string[] = [];
  for (const { program } of REQUIRED_PROGRAMS) {
    const found = await Promise.all(dirs.map((d) => isExecutable(path.join(d, program))));
    if (!found.some(Boolean)) missing.push(program);
  }
  return missing;
}

/** Why the local driver cannot work here (empty when it can). */
export async function localDriverProblems(): Promise<Message[]> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  return describeLocalProblems(uid, await missingPrograms());
}

/** Throws AppError('PRECONDITION') listing every problem, so the user can fix them all at once. */
export async function assertLocalSupport(): Promise<void> {
  const problems = await localDriverProblems();
  if (problems.length) throw new AppError('PRECONDITION', problems.reduce((said, next) => msg('provisioning.local.joined', { first: said, rest: next })));
}
