import { describe, expect, it } from 'vitest';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import { assertLocalMachine, assertSafeName, LOCAL_BRIDGE, LOCAL_NAME_PATTERN, localEnginePaths, localMachineLayout, localNameFor, stableMac } from './local-layout.ts';

const layout = () => localMachineLayout({ machineId: 'cm3x9k2lq0000abcd1234wxyz', hostname: 'lab-box', dataDir: '/var/lib/wharf', address: '10.213.0.2' });

describe('names', () => {
  it('derives one short, safe name per machine id, the same every time', () => {
    const a = localNameFor('cm3x9k2lq0000abcd1234wxyz');
    expect(a).toMatch(LOCAL_NAME_PATTERN);
    expect(a.length).toBeLessThanOrEqual(15); // an interface name's limit
    expect(localNameFor('cm3x9k2lq0000abcd1234wxyz')).toBe(a);
    // cuid ids made moments apart share their first characters; their names must still differ.
    expect(localNameFor('cm3x9k2lq0001abcd1234wxyz')).not.toBe(a);
  });

  it('refuses anything but [a-z0-9-] before it can reach a command or a path', () => {
    for (const bad of ['', 'A', 'a b', 'a;b', '../x', 'x/y', '-x', 'x-', '$(id)', 'é', 'a'.repeat(64)]) {
      expect(() => assertSafeName('hostname', bad)).toThrow(AppError);
    }
    expect(() => assertSafeName('hostname', 'lab-1')).not.toThrow();
    expect(() => assertSafeName('interface', 'wharf-12345678x', 15)).not.toThrow();
    expect(() => assertSafeName('interface', 'wharf-12345678xy', 15)).toThrow(/at most 15/);
    expect(() => localNameFor('../../etc')).toThrow(AppError);
    expect(() => localMachineLayout({ machineId: 'm1', hostname: 'Bad_Name', dataDir: '/d', address: '10.213.0.2' })).toThrow(/hostname/);
    expect(() => localMachineLayout({ machineId: 'm1', hostname: 'ok', dataDir: 'relative/dir', address: '10.213.0.2' })).toThrow(/absolute/);
  });
});

describe('stableMac', () => {
  it('gives each interface name its own fixed, locally administered unicast MAC', () => {
    const mac = stableMac('wharf-br0');
    expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(stableMac('wharf-br0')).toBe(mac);
    expect(stableMac('wharf-12345678')).not.toBe(mac);
    for (const name of ['wharf-br0', 'wharf-12345678', 'wharf-abcdef01', 'x']) {
      const first = Number.parseInt(stableMac(name).slice(0, 2), 16);
      expect(first & 0x01).toBe(0); // unicast
      expect(first & 0x02).toBe(2); // locally administered
    }
  });
});

describe('layout', () => {
  it('puts the engine data under dataDir/machines/<id> and its sockets under a short /tmp folder', () => {
    const m = layout();
    expect(m).toEqual({
      netns: localNameFor('cm3x9k2lq0000abcd1234wxyz'),
      veth: localNameFor('cm3x9k2lq0000abcd1234wxyz'),
      bridge: LOCAL_BRIDGE,
      address: '10.213.0.2',
      dir: '/var/lib/wharf/machines/cm3x9k2lq0000abcd1234wxyz',
      execRoot: `/tmp/${m.netns}`,
      hostname: 'lab-box',
    });
    const p = localEnginePaths(m);
    expect(p.dataRoot).toBe(`${m.dir}/data`);
    expect(p.keyPemFile).toBe(`${m.dir}/tls/key.pem`);
    expect(p.socket).toBe(`${m.execRoot}/docker.sock`);
    expect(p.cgroupParent).toBe(`/${m.netns}`);
    expect(p.netnsPath).toBe(`/var/run/netns/${m.netns}`);
    // containerd's socket, the longest path below the exec root, stays far from the 107-byte unix socket limit.
    expect(`${m.execRoot}/containerd/containerd.sock.ttrpc`.length).toBeLessThan(60);
  });

  it('accepts a stored record only in the shape it was made, so nothing else is run or deleted', () => {
    const m = layout();
    expect(assertLocalMachine(JSON.parse(JSON.stringify(m)))).toEqual(m);
    const broken: Array<Partial<Record<keyof typeof m, unknown>>> = [
      { netns: 'wlab-h1' },
      { netns: 'wharf-1234567; reboot' },
      { veth: 'eth0' },
      { bridge: 'wlab0' },
      { address: '10.213.0.2; id' },
      { hostname: 'a b' },
      { dir: '/' },
      { dir: '/var/lib/wharf/machines/../../etc' },
      { dir: 'machines/x' },
      { execRoot: '/tmp' },
      { execRoot: '/' },
      { dir: 42 },
    ];
    for (const change of broken) expect(() => assertLocalMachine({ ...m, ...change }), JSON.stringify(change)).toThrow(AppError);
    expect(() => assertLocalMachine(null)).toThrow(AppError);
    expect(() => assertLocalMachine('x')).toThrow(AppError);
  });

  it('names the field at fault in the reader\'s language', () => {
    const refusal = (value: unknown, locale: 'en' | 'zh-CN') => {
      try {
        assertLocalMachine(value);
      } catch (error) {
        return toErrorPayload(error, locale).message;
      }
      throw new Error('accepted');
    };
    const { dir: _dir, ...withoutDir } = layout();
    expect(refusal(withoutDir, 'en')).toBe("This local machine's stored record is not valid (dir is missing).");
    expect(refusal(withoutDir, 'zh-CN')).toBe('此本地机器保存的记录无效（缺少 dir）。');
    expect(refusal(null, 'en')).toBe("This local machine's stored record is not valid (not an object).");
    expect(refusal(null, 'zh-CN')).toBe('此本地机器保存的记录无效（不是一个对象）。');
  });
});
