import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFilePath, loadKeyring, rotateKeyFile } from '@/lib/crypto/load-keyring.ts';
import { keyIdOf, needsReseal, open, seal } from '@/lib/crypto/secret-box.ts';

const CTX = 'host:1';
const newKeyText = () => randomBytes(32).toString('base64');
const readKeys = async (dir: string) => JSON.parse(await readFile(keyFilePath(dir), 'utf8')) as { current: string; retired: string[] };
const exists = (file: string) => stat(file).then(() => true, () => false);

describe('load-keyring', () => {
  let root: string;
  let dataDir: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'wharf-keyring-'));
    dataDir = path.join(root, 'data', 'nested');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('puts the key file at <data>/secret-keys.json', () => {
    expect(keyFilePath('/srv/wharf')).toBe(path.join('/srv/wharf', 'secret-keys.json'));
  });

  describe('without a configured key', () => {
    it('generates a key file on first use, creating the data folder, readable only by its owner', async () => {
      const ring = await loadKeyring(dataDir);
      const file = keyFilePath(dataDir);
      const info = await stat(file);
      expect(info.isFile()).toBe(true);
      expect(info.mode & 0o777).toBe(0o600);

      const keys = await readKeys(dataDir);
      expect(Buffer.from(keys.current, 'base64')).toHaveLength(32);
      expect(keys.retired).toEqual([]);
      expect(ring.current.id).toBe(keyIdOf(Buffer.from(keys.current, 'base64')));
      expect(ring.byId.size).toBe(1);
    });

    it('reuses the same key on later calls, so values sealed before still open', async () => {
      const first = await loadKeyring(dataDir);
      const before = await readFile(keyFilePath(dataDir), 'utf8');
      const sealed = seal(first, 'secret', CTX);

      const second = await loadKeyring(dataDir);
      expect(await readFile(keyFilePath(dataDir), 'utf8')).toBe(before);
      expect(second.current.id).toBe(first.current.id);
      expect(open(second, sealed, CTX)).toBe('secret');
      expect(needsReseal(second, sealed)).toBe(false);
    });

    it('generates a different key for a different data folder', async () => {
      const a = await loadKeyring(path.join(root, 'a'));
      const b = await loadKeyring(path.join(root, 'b'));
      expect(a.current.id).not.toBe(b.current.id);
    });

    it('reads an existing file written by hand, including its retired keys', async () => {
      const current = newKeyText();
      const retired = newKeyText();
      await mkdir(dataDir, { recursive: true });
      await writeFile(keyFilePath(dataDir), JSON.stringify({ current, retired: [retired] }));
      const ring = await loadKeyring(dataDir);
      expect(ring.current.id).toBe(keyIdOf(Buffer.from(current, 'base64')));
      expect(ring.byId.has(keyIdOf(Buffer.from(retired, 'base64')))).toBe(true);
    });

    it('names the file when it is not JSON', async () => {
      await mkdir(dataDir, { recursive: true });
      await writeFile(keyFilePath(dataDir), '{ not json');
      await expect(loadKeyring(dataDir)).rejects.toThrow(`Cannot read ${keyFilePath(dataDir)}`);
    });

    it('names the file when a key in it has the wrong length', async () => {
      await mkdir(dataDir, { recursive: true });
      await writeFile(keyFilePath(dataDir), JSON.stringify({ current: randomBytes(16).toString('base64'), retired: [] }));
      await expect(loadKeyring(dataDir)).rejects.toThrow(`${keyFilePath(dataDir)} must be 32 random bytes in base64`);
    });

    it('does not overwrite a file it cannot read', async () => {
      await mkdir(dataDir, { recursive: true });
      await writeFile(keyFilePath(dataDir), '{ not json');
      await expect(loadKeyring(dataDir)).rejects.toThrow();
      expect(await readFile(keyFilePath(dataDir), 'utf8')).toBe('{ not json');
    });
  });

  describe('with a configured key (WHARF_SECRET_KEY)', () => {
    it('uses the configured key as current and does not create a key file', async () => {
      const configured = newKeyText();
      const ring = await loadKeyring(dataDir, configured);
      expect(ring.current.id).toBe(keyIdOf(Buffer.from(configured, 'base64')));
      expect(ring.byId.size).toBe(1);
      expect(await exists(keyFilePath(dataDir))).toBe(false);
    });

    it('ignores surrounding whitespace in the configured key (as from a .env file)', async () => {
      const configured = newKeyText();
      const ring = await loadKeyring(dataDir, `  ${configured}\n`);
      expect(ring.current.id).toBe(keyIdOf(Buffer.from(configured, 'base64')));
    });

    it('takes precedence over an existing key file, whose keys still open old values', async () => {
      const fileRing = await loadKeyring(dataDir);
      const oldSealed = seal(fileRing, 'old', CTX);
      const configured = newKeyText();

      const ring = await loadKeyring(dataDir, configured);
      expect(ring.current.id).toBe(keyIdOf(Buffer.from(configured, 'base64')));
      expect(open(ring, oldSealed, CTX)).toBe('old');
      expect(needsReseal(ring, oldSealed)).toBe(true);
      const fresh = seal(ring, 'new', CTX);
      expect(fresh.split('.')[1]).toBe(ring.current.id);
      expect(needsReseal(ring, fresh)).toBe(false);
    });

    it('keeps the file\'s retired keys too', async () => {
      const fileRing = await loadKeyring(dataDir);
      const veryOld = seal(fileRing, 'very old', CTX);
      await rotateKeyFile(dataDir);
      const ring = await loadKeyring(dataDir, newKeyText());
      expect(open(ring, veryOld, CTX)).toBe('very old');
      expect(ring.byId.size).toBe(3);
    });

    it('does not list the configured key twice when the file holds the same key', async () => {
      const configured = newKeyText();
      await mkdir(dataDir, { recursive: true });
      await writeFile(keyFilePath(dataDir), JSON.stringify({ current: configured, retired: [] }));
      const ring = await loadKeyring(dataDir, configured);
      expect(ring.byId.size).toBe(1);
      expect(ring.current.id).toBe(keyIdOf(Buffer.from(configured, 'base64')));
    });

    it.each([
      ['too short', randomBytes(16).toString('base64')],
      ['too long', randomBytes(48).toString('base64')],
      ['hex instead of base64', randomBytes(32).toString('hex')],
      ['not base64 at all', 'correct horse battery staple'],
    ])('rejects a configured key that is %s, naming WHARF_SECRET_KEY and how to make one', async (_label, configured) => {
      const attempt = loadKeyring(dataDir, configured);
      await expect(attempt).rejects.toThrow('WHARF_SECRET_KEY must be 32 random bytes in base64');
      await expect(loadKeyring(dataDir, configured)).rejects.toThrow('openssl rand -base64 32');
    });
  });

  describe('rotateKeyFile', () => {
    it('makes a new current key and keeps the old one retired, so old values still open', async () => {
      const before = await loadKeyring(dataDir);
      const oldKeys = await readKeys(dataDir);
      const oldSealed = seal(before, 'old', CTX);

      const after = await rotateKeyFile(dataDir);
      const newKeys = await readKeys(dataDir);
      expect(newKeys.current).not.toBe(oldKeys.current);
      expect(newKeys.retired).toEqual([oldKeys.current]);
      expect(after.current.id).not.toBe(before.current.id);
      expect(after.current.id).toBe(keyIdOf(Buffer.from(newKeys.current, 'base64')));
      expect(open(after, oldSealed, CTX)).toBe('old');
      expect(needsReseal(after, oldSealed)).toBe(true);

      // A later load sees the same thing.
      const reloaded = await loadKeyring(dataDir);
      expect(reloaded.current.id).toBe(after.current.id);
      expect(open(reloaded, oldSealed, CTX)).toBe('old');
    });

    it('keeps every earlier key across several rotations, newest retired first', async () => {
      await loadKeyring(dataDir);
      const k0 = (await readKeys(dataDir)).current;
      await rotateKeyFile(dataDir);
      const k1 = (await readKeys(dataDir)).current;
      const ring = await rotateKeyFile(dataDir);
      const keys = await readKeys(dataDir);
      expect(keys.retired).toEqual([k1, k0]);
      expect(ring.byId.size).toBe(3);
    });

    it('leaves the file readable only by its owner, even if its mode was loosened', async () => {
      await loadKeyring(dataDir);
      await chmod(keyFilePath(dataDir), 0o644);
      await rotateKeyFile(dataDir);
      expect((await stat(keyFilePath(dataDir))).mode & 0o777).toBe(0o600);
    });

    it('refuses without a key file, explaining how to rotate a configured key', async () => {
      await expect(rotateKeyFile(dataDir)).rejects.toThrow(`No key file at ${keyFilePath(dataDir)}`);
      await expect(rotateKeyFile(dataDir)).rejects.toThrow(/retired/);
      expect(await exists(keyFilePath(dataDir))).toBe(false);
    });
  });
});
