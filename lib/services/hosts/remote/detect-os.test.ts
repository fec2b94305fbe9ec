import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { osSupport, parseOsRelease } from './detect-os.ts';

const DEBIAN = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
ID=debian
HOME_URL="https://www.debian.org/"
`;

describe('parseOsRelease', () => {
  it('reads quoted and unquoted values, comments and blank lines', () => {
    expect(parseOsRelease(`# comment\n\n${DEBIAN}`)).toEqual({ id: 'debian', idLike: [], name: 'Debian GNU/Linux', prettyName: 'Debian GNU/Linux 12 (bookworm)', versionId: '12' });
  });

  it('lower-cases ID and splits ID_LIKE', () => {
    const os = parseOsRelease('ID=LinuxMint\nID_LIKE="ubuntu debian"\nNAME=\'Linux Mint\'\nVERSION_ID=21.3\n');
    expect(os).toMatchObject({ id: 'linuxmint', idLike: ['ubuntu', 'debian'], name: 'Linux Mint', prettyName: 'Linux Mint', versionId: '21.3' });
  });

  it('unescapes \\" inside double quotes and ignores lines that are not KEY=value', () => {
    expect(parseOsRelease('PRETTY_NAME="A \\"quoted\\" name"\nnonsense line\nID=x').prettyName).toBe('A "quoted" name');
  });

  it('copes with an empty file', () => {
    expect(parseOsRelease('')).toEqual({ id: '', idLike: [], name: 'Linux', prettyName: 'Linux', versionId: '' });
  });
});

describe('osSupport', () => {
  it.each([
    ['ID=debian\nVERSION_ID=12', 'debian', 'apt'],
    ['ID=ubuntu\nVERSION_ID="24.04"', 'debian', 'apt'],
    ['ID=raspbian', 'debian', 'apt'],
    ['ID=fedora\nVERSION_ID=40', 'fedora', 'dnf'],
    ['ID="centos"\nVERSION_ID="7"', 'rhel', 'yum'],
    ['ID="centos"\nVERSION_ID="9"', 'rhel', 'dnf'],
    ['ID="rhel"\nVERSION_ID="9.4"', 'rhel', 'dnf'],
    ['ID="rocky"\nVERSION_ID="9.3"', 'rhel', 'dnf'],
    ['ID="almalinux"\nVERSION_ID="8.9"', 'rhel', 'dnf'],
    ['ID=alpine\nVERSION_ID=3.20.0', 'alpine', 'apk'],
    ['ID="sles"\nVERSION_ID="15.5"', 'suse', 'zypper'],
    ['ID="opensuse-leap"\nVERSION_ID="15.6"', 'suse', 'zypper'],
    ['ID=linuxmint\nID_LIKE="ubuntu debian"', 'debian', 'apt'],
  ])('%j is %s with %s', (text, family, packageManager) => {
    expect(osSupport(parseOsRelease(text))).toMatchObject({ family, packageManager });
  });

  it('refuses an unknown OS with PRECONDITION naming it and listing the supported ones', () => {
    let error: unknown;
    try {
      osSupport(parseOsRelease('ID=plan9\nPRETTY_NAME="Plan 9 from Bell Labs"\n'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PRECONDITION');
    expect((error as AppError).message).toMatch(/Plan 9 from Bell Labs \(ID=plan9\)/);
    expect((error as AppError).message).toMatch(/Supported: Debian, Ubuntu, Raspbian \(apt\), Fedora, CentOS, RHEL, Rocky Linux, AlmaLinux \(dnf\/yum\), Alpine \(apk\), SLES and openSUSE \(zypper\)/);
  });

  it('refuses a file without ID', () => {
    expect(() => osSupport(parseOsRelease('NAME=Something'))).toThrow(/Something \(ID=none\)/);
  });
});
