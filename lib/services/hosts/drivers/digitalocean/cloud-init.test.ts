import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AppError } from '@/lib/errors.ts';
import { DOCKER_CE_EL_REPO, dockerUserData } from './cloud-init.ts';

type CloudConfig = { package_update?: boolean; packages?: string[]; runcmd?: string[][] };
const read = (userData: string) => parse(userData) as CloudConfig;
const commands = (config: CloudConfig) => (config.runcmd ?? []).map((command) => command.join(' '));

describe('dockerUserData', () => {
  it.each(['Debian', 'Ubuntu'])('%s: installs docker.io through packages and enables the daemon', (distribution) => {
    const userData = dockerUserData({ distribution });
    expect(userData.split('\n')[0]).toBe('#cloud-config');
    const config = read(userData);
    expect(config.package_update).toBe(true);
    expect(config.packages).toEqual(['docker.io']);
    expect(commands(config)).toEqual(['systemctl enable --now docker']);
  });

  it('Fedora: installs moby-engine with dnf, then enables the daemon', () => {
    const config = read(dockerUserData({ distribution: 'Fedora' }));
    expect(config.packages).toBeUndefined();
    expect(commands(config)).toEqual(['dnf -y install moby-engine', 'systemctl enable --now docker']);
  });

  it.each(['CentOS', 'Rocky Linux', 'AlmaLinux'])('%s: adds Docker\'s repository, installs docker-ce with dnf, enables the daemon', (distribution) => {
    const list = commands(read(dockerUserData({ distribution })));
    expect(list).toContain(`dnf config-manager --add-repo ${DOCKER_CE_EL_REPO}`);
    expect(list).toContain('dnf -y install docker-ce docker-ce-cli containerd.io');
    expect(list.at(-1)).toBe('systemctl enable --now docker');
    expect(list.indexOf('dnf -y install docker-ce docker-ce-cli containerd.io')).toBeGreaterThan(list.indexOf(`dnf config-manager --add-repo ${DOCKER_CE_EL_REPO}`));
  });

  it.each(['Debian', 'Ubuntu', 'Fedora', 'Rocky Linux'])('%s: configures no TLS, no listening port and no daemon.json (Wharf does that over SSH)', (distribution) => {
    const userData = dockerUserData({ distribution });
    expect(userData).not.toMatch(/tls|2376|2375|daemon\.json|-H |tcp:\/\//i);
    expect(Object.keys(read(userData)).sort()).toEqual(expect.arrayContaining(['runcmd']));
    expect(Object.keys(read(userData))).not.toContain('write_files');
  });

  it('refuses a distribution it cannot install Docker on', () => {
    expect(() => dockerUserData({ distribution: 'FreeBSD' })).toThrow(AppError);
    expect(() => dockerUserData({ distribution: 'FreeBSD' })).toThrow(/FreeBSD/);
  });
});
