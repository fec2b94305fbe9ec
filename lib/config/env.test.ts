import { describe, expect, it } from 'vitest';
import { readConfig as readConfigOf } from './env.ts';

const readConfig = (vars: Record<string, string>) => readConfigOf({ NODE_ENV: 'test', ...vars });

describe('readConfig', () => {
  it('trusts no proxy and bounds streams at 100 per user unless told', () => {
    expect(readConfig({})).toMatchObject({ trustedProxies: [], maxStreamsPerUser: 100 });
  });

  it('reads WHARF_TRUSTED_PROXIES as a list of addresses and ranges', () => {
    expect(readConfig({ WHARF_TRUSTED_PROXIES: ' 127.0.0.1, 10.0.0.0/24 ,::1,' }).trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/24', '::1']);
  });

  it('refuses a proxy entry that is not an address or range, and a stream bound below 1', () => {
    expect(() => readConfig({ WHARF_TRUSTED_PROXIES: '10.0.0.1,proxy.example' })).toThrow(/WHARF_TRUSTED_PROXIES/);
    expect(() => readConfig({ WHARF_MAX_STREAMS_PER_USER: '0' })).toThrow(/WHARF_MAX_STREAMS_PER_USER/);
    expect(readConfig({ WHARF_MAX_STREAMS_PER_USER: '12' }).maxStreamsPerUser).toBe(12);
  });
});
