import { describe, expect, it } from 'vitest';
import { osSupport, parseOsRelease } from './detect-os.ts';
import { dockerInstallPlan } from './install-docker.ts';

const plan = (text: string) => {
  const os = parseOsRelease(text);
  return dockerInstallPlan({ ...os, support: osSupport(os) });
};

describe('dockerInstallPlan', () => {
  it('Debian and Ubuntu: apt-get update, then docker.io without prompts, keeping an existing daemon.json', () => {
    expect(plan('ID=debian\nVERSION_ID=12')).toEqual([
      ['apt-get', 'update'],
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', 'docker.io'],
    ]);
    expect(plan('ID=ubuntu')).toEqual(plan('ID=debian'));
  });

  it("Fedora: moby-engine from Fedora's repositories", () => {
    expect(plan('ID=fedora\nVERSION_ID=40')).toEqual([['dnf', 'install', '-y', 'moby-engine']]);
  });

  it("RHEL family: Docker's repository (rhel or centos flavour), dnf or yum by version", () => {
    expect(plan('ID=rocky\nVERSION_ID=9.3')).toEqual([
      ['dnf', 'install', '-y', 'dnf-plugins-core'],
      ['dnf', 'config-manager', '--add-repo', 'https://download.docker.com/linux/centos/docker-ce.repo'],
      ['dnf', 'install', '-y', 'docker-ce', 'docker-ce-cli', 'containerd.io'],
    ]);
    expect(plan('ID=rhel\nVERSION_ID=9.4')[1]).toEqual(['dnf', 'config-manager', '--add-repo', 'https://download.docker.com/linux/rhel/docker-ce.repo']);
    expect(plan('ID=centos\nVERSION_ID=7')[0]).toEqual(['yum', 'install', '-y', 'yum-utils']);
  });

  it('Alpine and SUSE', () => {
    expect(plan('ID=alpine')).toEqual([['apk', 'add', '--no-cache', 'docker']]);
    expect(plan('ID=opensuse-leap')).toEqual([['zypper', '--non-interactive', 'install', 'docker']]);
    expect(plan('ID=sles')).toEqual([['zypper', '--non-interactive', 'install', 'docker']]);
  });

  it('contains only fixed words (nothing from os-release)', () => {
    expect(plan('ID=debian\nVERSION_ID="12; rm -rf /"').flat().join(' ')).not.toMatch(/rm -rf/);
  });
});
