import { describe, expect, it } from 'vitest';
import { bundleState, bundlesToRevokeFor, CLI_BUNDLE_DAYS, hostsToRotateFor, parseCliBundleDays, SHARED_CA_ID, stoppedByRotation, trustedCaOf, type CliBundle } from './cli-bundles.ts';

const NOW = Date.parse('2027-01-10T12:00:00Z');
const bundle = (over: Partial<CliBundle>): CliBundle => ({
  serial: 's', userId: 'u1', username: 'alice', hostId: 'h1', hostName: 'web-1', caId: 'ca-h1',
  issuedAt: '2027-01-01T00:00:00Z', notAfter: '2027-01-31T00:00:00Z', revokedAt: null, revokedByName: null, revokedReason: null, ...over,
});

describe('WHARF_CLI_BUNDLE_DAYS', () => {
  it('defaults to 30 days when unset or empty', () => {
    expect(CLI_BUNDLE_DAYS.default).toBe(30);
    expect(parseCliBundleDays(undefined)).toEqual({ days: 30 });
    expect(parseCliBundleDays('  ')).toEqual({ days: 30 });
  });

  it('takes a whole number of days within 1 to 365', () => {
    expect(parseCliBundleDays('1')).toEqual({ days: 1 });
    expect(parseCliBundleDays(' 90 ')).toEqual({ days: 90 });
    expect(parseCliBundleDays('365')).toEqual({ days: 365 });
  });

  it('refuses anything else, naming the setting and the bounds', () => {
    for (const bad of ['0', '366', '1095', '-5', '7.5', '1e2', 'forever', '0x10', '99999']) {
      const parsed = parseCliBundleDays(bad);
      expect(parsed, bad).toHaveProperty('problem');
      expect((parsed as { problem: string }).problem).toMatch(/WHARF_CLI_BUNDLE_DAYS.*1 to 365/);
    }
  });
});

describe('the state of a bundle', () => {
  it('is active until it expires, and revoked once revoked (even when also expired)', () => {
    expect(bundleState(bundle({}), NOW)).toBe('active');
    expect(bundleState(bundle({ notAfter: '2027-01-10T11:59:59Z' }), NOW)).toBe('expired');
    expect(bundleState(bundle({ revokedAt: '2027-01-05T00:00:00Z' }), NOW)).toBe('revoked');
    expect(bundleState(bundle({ revokedAt: '2027-01-05T00:00:00Z', notAfter: '2027-01-06T00:00:00Z' }), NOW)).toBe('revoked');
  });

  it('a host without a CA of its own trusts the shared one', () => {
    expect(trustedCaOf({ caId: null })).toBe(SHARED_CA_ID);
    expect(trustedCaOf({ caId: 'ca-h1' })).toBe('ca-h1');
  });
});

describe('revoking by rotation', () => {
  it('rotates the bundle’s own host, or every host still on the shared CA for a shared-CA bundle', () => {
    expect(hostsToRotateFor({ caId: 'ca-h1', hostId: 'h1' }, ['h7', 'h8'])).toEqual(['h1']);
    expect(hostsToRotateFor({ caId: SHARED_CA_ID, hostId: 'h1' }, ['h7', 'h8'])).toEqual(['h7', 'h8']);
    expect(hostsToRotateFor({ caId: null, hostId: 'h1' }, ['h1'])).toEqual(['h1']);
  });

  it('names every user whose active bundle stops working, and only those', () => {
    const bundles = [
      bundle({ serial: 'a', username: 'alice' }),
      bundle({ serial: 'b', username: 'bob', userId: 'u2' }),
      bundle({ serial: 'a2', username: 'alice' }),
      bundle({ serial: 'c', username: 'carol', revokedAt: '2027-01-02T00:00:00Z' }),
      bundle({ serial: 'd', username: 'dave', notAfter: '2027-01-09T00:00:00Z' }),
      bundle({ serial: 'e', username: 'erin', caId: 'ca-old' }),
      bundle({ serial: 'f', username: 'frank', hostId: 'h2', caId: 'ca-h2' }),
    ];
    const stopped = stoppedByRotation(bundles, new Map([['h1', 'ca-h1']]), NOW);
    expect(stopped.bundles.map((b) => b.serial)).toEqual(['a', 'b', 'a2']);
    expect(stopped.usernames).toEqual(['alice', 'bob']);
  });

  it('rotating the hosts on the shared CA stops the shared-CA bundles issued for any of them', () => {
    const bundles = [bundle({ serial: 'x', caId: SHARED_CA_ID, hostId: 'h9', username: 'zed' }), bundle({ serial: 'y', caId: 'ca-h1' })];
    expect(stoppedByRotation(bundles, new Map([['h7', SHARED_CA_ID]]), NOW).usernames).toEqual(['zed']);
  });

  it('after an access change, revokes the active bundles of hosts the user may no longer hold one for', () => {
    const bundles = [bundle({ serial: 'a' }), bundle({ serial: 'b', hostId: 'h2' }), bundle({ serial: 'c', revokedAt: '2027-01-02T00:00:00Z' }), bundle({ serial: 'd', hostId: null })];
    expect(bundlesToRevokeFor(bundles, () => false, NOW).map((b) => b.serial)).toEqual(['a', 'b', 'd']);
    expect(bundlesToRevokeFor(bundles, (hostId) => hostId === 'h1', NOW).map((b) => b.serial)).toEqual(['b', 'd']);
  });
});
