import { describe, expect, it } from 'vitest';
import { MACHINE_COUNT, machineLayout } from './state.ts';
import { machineDaemonJson } from './machines.ts';

describe('bare machine layout', () => {
  it('puts lab-mN at 10.99.0.(50+N) in namespace wlab-mN, with its private folders under <dir>/mN', () => {
    const m = machineLayout('/tmp/wharf-lab', 2, 'SHA256:x');
    expect(m).toMatchObject({
      name: 'lab-m2',
      netns: 'wlab-m2',
      host: '10.99.0.52',
      port: 22,
      user: 'root',
      nonRootUser: 'wharf-lab-user',
      hostKeyFingerprint: 'SHA256:x',
      rootDir: '/tmp/wharf-lab/m2/root',
      authorizedKeysPath: '/tmp/wharf-lab/m2/root/root/.ssh/authorized_keys',
      osReleasePath: '/tmp/wharf-lab/m2/os-release',
      daemonJsonPath: '/tmp/wharf-lab/m2/root/etc-docker/daemon.json',
      engineSocket: '/tmp/wharf-lab/m2/root/run/docker.sock',
      cgroupParent: '/wharf-lab-m2',
      privateKey: '/tmp/wharf-lab/ssh/keys/id_ed25519',
    });
    expect(MACHINE_COUNT).toBe(2);
  });

  it('seeds daemon.json with the lab-safe keys a provisioner must keep', () => {
    expect(JSON.parse(machineDaemonJson(machineLayout('/tmp/wharf-lab', 1)))).toEqual({
      iptables: false,
      'cgroup-parent': '/wharf-lab-m1',
      'insecure-registries': ['10.99.0.1:5005'],
      'shutdown-timeout': 3,
    });
  });
});
