import { describe, expect, it } from 'vitest';
import { ArchiveError, openArchive, passphraseProblem, sealArchive } from './sealed-archive.ts';

const PASSPHRASE = 'correct horse battery staple';
const contents = { format: 'wharf-backup', keys: { current: 'a-sealing-key-in-base64', retired: [] }, rows: [{ username: 'admin' }] };

describe('sealed backup archives', () => {
  it('opens with the passphrase it was sealed with, giving back the contents', () => {
    expect(openArchive(sealArchive(contents, PASSPHRASE), PASSPHRASE)).toEqual(contents);
  });

  it('shows nothing of the contents, and seals the same contents differently each time', () => {
    const a = sealArchive(contents, PASSPHRASE);
    expect(a.toString('latin1')).not.toContain('a-sealing-key-in-base64');
    expect(a.toString('latin1')).not.toContain('admin');
    expect(a.equals(sealArchive(contents, PASSPHRASE))).toBe(false);
  });

  it('refuses a wrong passphrase and a changed byte, header included, with one sentence', () => {
    const sealed = sealArchive(contents, PASSPHRASE);
    expect(() => openArchive(sealed, 'not the passphrase at all')).toThrow(ArchiveError);
    expect(() => openArchive(sealed, 'not the passphrase at all')).toThrow(/^The passphrase does not open this archive/);
    for (const at of [20, sealed.length - 20, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] ^= 1;
      expect(() => openArchive(changed, PASSPHRASE)).toThrow(/^The passphrase does not open this archive/);
    }
  });

  it('refuses what is not an archive, and a passphrase shorter than 12 characters', () => {
    expect(() => openArchive(Buffer.from('PGDMP not ours'), PASSPHRASE)).toThrow('This file is not a Wharf backup archive.');
    expect(passphraseProblem('short')).toMatch(/at least 12 characters/);
    expect(passphraseProblem(PASSPHRASE)).toBeNull();
    expect(() => sealArchive(contents, 'short')).toThrow(/at least 12 characters/);
  });
});
