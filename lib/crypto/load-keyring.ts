// Loads the keys that seal secrets: WHARF_SECRET_KEY when configured, otherwise a key generated
// once into <data>/secret-keys.json (owner-only). Retired keys stay there so old rows still open.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keyIdOf, makeKeyring, type Keyring } from './secret-box.ts';

type KeyFile = { current: string; retired: string[] };

const decode = (text: string, where: string): Buffer => {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must be 32 random bytes in base64 (for example: openssl rand -base64 32).`);
  return key;
};

async function readKeyFile(file: string): Promise<KeyFile | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as KeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes the keys to a new file and renames it into place: a crash never leaves a half-written key file. */
async function writeKeyFile(file: string, keys: KeyFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(keys, null, 2), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'secret-keys.json');
}

export async function loadKeyring(dataDir: string, configuredKey?: string): Promise<Keyring> {
  const file = keyFilePath(dataDir);
  let keys = await readKeyFile(file);
  if (!keys && !configuredKey) {
    keys = { current: randomBytes(32).toString('base64'), retired: [] };
    await writeKeyFile(file, keys);
  }
  const retired = (keys?.retired ?? []).map((k) => decode(k, file));
  if (configuredKey) {
    const current = decode(configuredKey, 'WHARF_SECRET_KEY');
    const fromFile = keys ? [decode(keys.current, file)] : [];
    return makeKeyring(current, [...fromFile, ...retired].filter((k) => keyIdOf(k) !== keyIdOf(current)));
  }
  return makeKeyring(decode(keys!.current, file), retired);
}

/** Makes a new current key and keeps the old one as retired; callers reseal stored secrets after. */
export async function rotateKeyFile(dataDir: string): Promise<Keyring> {
  const file = keyFilePath(dataDir);
  const keys = await readKeyFile(file);
  if (!keys) throw new Error(`No key file at ${file}. With WHARF_SECRET_KEY, rotate by setting a new key and moving the old one into that file's "retired" list.`);
  const next: KeyFile = { current: randomBytes(32).toString('base64'), retired: [keys.current, ...keys.retired] };
  await writeKeyFile(file, next);
  return loadKeyring(dataDir);
}
