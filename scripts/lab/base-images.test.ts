import { describe, expect, it } from 'vitest';
import { debianMirror } from './base-images.ts';

describe('debianMirror', () => {
  it('takes the main archive of a deb822 stanza, not -security or a third-party repository', () => {
    const sources = [
      'Types: deb',
      'URIs: http://deb.debian.org/debian-security',
      'Suites: bookworm-security',
      '',
      'Types: deb',
      'URIs: https://deb.nodesource.com/node_20.x',
      '',
      'Types: deb',
      'URIs: http://mirror.example.org/debian/',
      'Suites: bookworm bookworm-updates',
    ].join('\n');
    expect(debianMirror(sources)).toBe('http://mirror.example.org/debian');
  });

  it('reads one-line entries for bookworm, with or without options', () => {
    expect(debianMirror('deb [arch=amd64] http://ftp.de.debian.org/debian bookworm main\n')).toBe('http://ftp.de.debian.org/debian');
    expect(debianMirror('deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main\ndeb http://ftp.fr.debian.org/debian bookworm main')).toBe('http://ftp.fr.debian.org/debian');
  });

  it('falls back to deb.debian.org when the machine names no Debian archive', () => {
    expect(debianMirror('')).toBe('http://deb.debian.org/debian');
    expect(debianMirror('deb https://deb.nodesource.com/node_20.x nodistro main')).toBe('http://deb.debian.org/debian');
  });
});
