import { describe, expect, it } from 'vitest';
import { HOSTNAME_WRAPPER, localDaemonJson, localDockerdArgs, localEngineCommand } from './local-dockerd-args.ts';
import { localMachineLayout } from './local-layout.ts';

const m = localMachineLayout({ machineId: 'machine-1', hostname: 'box-1', dataDir: '/srv/wharf', address: '10.213.0.7' });

const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('dockerd for a local machine', () => {
  it('keeps everything of its own: data, exec root, pidfile, config, sockets, cgroup, containerd namespaces', () => {
    const args = localDockerdArgs(m);
    expect(valueOf(args, '--data-root')).toBe('/srv/wharf/machines/machine-1/data');
    expect(valueOf(args, '--exec-root')).toBe(m.execRoot);
    expect(valueOf(args, '--pidfile')).toBe('/srv/wharf/machines/machine-1/docker.pid');
    expect(valueOf(args, '--config-file')).toBe('/srv/wharf/machines/machine-1/daemon.json');
    expect(args.filter((a, i) => args[i - 1] === '-H')).toEqual([`unix://${m.execRoot}/docker.sock`, 'tcp://10.213.0.7:2376']);
    expect(valueOf(args, '--cgroup-parent')).toBe(`/${m.netns}`);
    expect(valueOf(args, '--containerd-namespace')).toBe(m.netns);
    expect(valueOf(args, '--swarm-default-advertise-addr')).toBe('10.213.0.7');
  });

  it('requires client certificates and touches neither iptables nor forwarding', () => {
    const args = localDockerdArgs(m);
    expect(args).toContain('--tlsverify');
    expect(valueOf(args, '--tlscacert')).toBe(`${m.dir}/tls/ca.pem`);
    expect(valueOf(args, '--tlscert')).toBe(`${m.dir}/tls/cert.pem`);
    expect(valueOf(args, '--tlskey')).toBe(`${m.dir}/tls/key.pem`);
    expect(args).toContain('--iptables=false');
    expect(args).toContain('--ip-forward=false');
  });

  it('gets its own identity key instead of /etc/docker/key.json', () => {
    expect(JSON.parse(localDaemonJson(m))).toEqual({ 'deprecated-key-path': `${m.dir}/key.json` });
  });

  it('starts through nsenter and unshare with values only as separate arguments, never in a shell string', () => {
    const { command, args } = localEngineCommand(m);
    expect(command).toBe('nsenter');
    expect(args.slice(0, 9)).toEqual([`--net=/var/run/netns/${m.netns}`, '--', 'unshare', '--uts', '--', '/bin/sh', `${m.dir}/bin/exec-with-hostname.sh`, 'box-1', 'dockerd']);
    expect(args.slice(9)).toEqual(localDockerdArgs(m));
    expect(args).not.toContain('-c');
    // The wrapper is the same for every machine: nothing machine-specific is ever interpolated into it.
    expect(HOSTNAME_WRAPPER).not.toMatch(/box-1|10\.213|machine-1|wharf-/);
    expect(HOSTNAME_WRAPPER).toContain('exec "$@"');
  });
});
