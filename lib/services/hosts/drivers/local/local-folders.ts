// Private folders for a machine: made with mode 0700 and checked to be real folders owned by this
// user, so nobody else can plant a symlink or files where the engine keeps sockets, keys and data
// (its exec root sits under the world-writable /tmp).
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { promises as fsp } from 'node:fs';
import { AppError } from '@/lib/errors.ts';

export async function ensurePrivateDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const st = await fsp.lstat(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  if (!st.isDirectory() || st.isSymbolicLink() || st.uid !== uid) {
    throw new AppError('PRECONDITION', msg('driverText.local.notOwnFolder', { dir }));
  }
  if ((st.mode & 0o777) !== 0o700) await fsp.chmod(dir, 0o700);
}
