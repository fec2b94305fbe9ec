import { describe, expect, it } from 'vitest';
import { anonymousVolumes, recreateSpec, setAsideName, type InspectForRecreate } from './recreate-spec.ts';

const ID = '0123456789ab' + 'c'.repeat(52);

const base = (over: Partial<InspectForRecreate> = {}): InspectForRecreate => ({
  Id: ID,
  Name: '/web',
  Config: { Image: 'reg.example:5000/app:1.0', Hostname: '0123456789ab', Env: ['A=1'], Cmd: ['sleep', '1'], Labels: { x: 'y' }, MacAddress: '02:42:ac:11:00:02' },
  HostConfig: { NetworkMode: 'default', Binds: null, RestartPolicy: { Name: 'always' } },
  NetworkSettings: { Networks: { bridge: { Aliases: null } } },
  Mounts: [],
  ...over,
});

describe('recreateSpec', () => {
  it('keeps the configuration and image reference, drops the id-derived host name and the MAC address', () => {
    const spec = recreateSpec(base());
    expect(spec.name).toBe('web');
    expect(spec.image).toBe('reg.example:5000/app:1.0');
    expect(spec.body).toEqual({ Image: 'reg.example:5000/app:1.0', Env: ['A=1'], Cmd: ['sleep', '1'], Labels: { x: 'y' }, HostConfig: { NetworkMode: 'default', Binds: null, RestartPolicy: { Name: 'always' } } });
    expect(spec.joins).toEqual([]);
  });

  it('keeps a host name the user chose', () => {
    expect(recreateSpec(base({ Config: { Image: 'a', Hostname: 'db-1' } })).body.Hostname).toBe('db-1');
  });

  it('creates on its user network with its aliases and address, and joins the other networks after', () => {
    const spec = recreateSpec(
      base({
        HostConfig: { NetworkMode: 'front' },
        NetworkSettings: {
          Networks: {
            front: { Aliases: ['web', '0123456789ab'], IPAMConfig: { IPv4Address: '10.1.0.5' } },
            back: { Aliases: ['api', '0123456789ab'] },
          },
        },
      }),
    );
    expect(spec.body.NetworkingConfig).toEqual({ EndpointsConfig: { front: { Aliases: ['web'], IPAMConfig: { IPv4Address: '10.1.0.5' } } } });
    expect(spec.joins).toEqual([{ network: 'back', aliases: ['api'] }]);
  });

  it("joins nothing for host, none or another container's network", () => {
    expect(recreateSpec(base({ HostConfig: { NetworkMode: 'host' }, NetworkSettings: { Networks: { host: {} } } })).body.NetworkingConfig).toBeUndefined();
    const shared = recreateSpec(base({ HostConfig: { NetworkMode: 'container:abc' }, NetworkSettings: { Networks: {} } }));
    expect(shared.body.NetworkingConfig).toBeUndefined();
    expect(shared.joins).toEqual([]);
  });

  it('carries anonymous volumes over as mounts, beside the mounts the user gave', () => {
    const spec = recreateSpec(
      base({
        HostConfig: { NetworkMode: 'default', Binds: ['data:/data', '/srv:/srv:ro'], Mounts: [{ Source: 'logs', Target: '/logs' }] },
        Mounts: [
          { Type: 'volume', Name: 'data', Destination: '/data' },
          { Type: 'bind', Source: '/srv', Destination: '/srv' },
          { Type: 'volume', Name: 'logs', Destination: '/logs' },
          { Type: 'volume', Name: 'f00d', Destination: '/var/lib/app' },
        ],
      }),
    );
    expect((spec.body.HostConfig as { Mounts: unknown[] }).Mounts).toEqual([
      { Source: 'logs', Target: '/logs' },
      { Type: 'volume', Source: 'f00d', Target: '/var/lib/app' },
    ]);
  });
});

describe('anonymousVolumes', () => {
  it('is empty without volume mounts', () => {
    expect(anonymousVolumes(base())).toEqual([]);
    expect(anonymousVolumes(base({ Mounts: null }))).toEqual([]);
  });
});

describe('setAsideName', () => {
  it('marks the old container and stays within the engine name length', () => {
    expect(setAsideName('web', 'k1')).toBe('web-wharf-old-k1');
    expect(setAsideName('x'.repeat(200), 'k1').length).toBe(120);
  });
});
