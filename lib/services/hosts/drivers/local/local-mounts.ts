// Mounts a dockerd leaves below its folders (container root filesystems, namespace handles, shm)
// when it did not shut down cleanly. dockerd runs in the console's mount namespace, so they show
// in this process's /proc/self/mountinfo.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { readFileSync } from 'node:fs';
import { runLocalCommand } from './run-local-command.ts';

const decode = (s: string) => s.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/** Mount points at or below `dir`, deepest first. */
export function mountsBelow(dir: string): string[] {
  let info: string;
  try {
    info = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const root = dir.replace(/\/+$/, '');
  return [
    ...new Set(
      info
        .split('\n')
        .map((line) => line.split(' ')[4])
        .filter((p): p is string => !!p)
        .map(decode)
        .filter((p) => p === root || p.startsWith(`${root}/`)),
    ),
  ].sort((a, b) => b.length - a.length);
}

/** Lazily unmounts everything at or below `dir`; returns the mount points still there afterwards. */
export async function unmountBelow(dir: string, signal?: AbortSignal): Promise<string[]> {
  for (let round = 0; round < 3; round++) {
    const points = mountsBelow(dir);
    if (!points.length) return [];
    for (const p of points) await runLocalCommand(msg('driverText.command.label.unmount', { path: p }), 'umount', ['-l', '--', p], { signal, allowFail: true, timeoutMs: 10_000 });
  }
  return mountsBelow(dir);
}
