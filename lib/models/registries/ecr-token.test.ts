import { describe, expect, it } from 'vitest';
import { AWS_ACCESS_KEY_ID, AWS_REGION, decodeEcrToken, ecrAddress, ecrLoginFresh, ecrLoginOf, ECR_REFRESH_MARGIN_MS } from './ecr-token.ts';

const token = (text: string) => Buffer.from(text).toString('base64');

describe('ECR authorization tokens', () => {
  it('decode to the user name and password they carry; anything else is no token', () => {
    expect(decodeEcrToken(token('AWS:eyJwYXlsb2FkIjoi:with:colons'))).toEqual({ username: 'AWS', password: 'eyJwYXlsb2FkIjoi:with:colons' });
    for (const bad of ['', 'not base64!', token('no-colon'), token(':password'), token('AWS:')]) expect(decodeEcrToken(bad)).toBeNull();
  });

  it('give a login with the proxy endpoint as the registry address, and nothing when a part is missing or odd', () => {
    const expiresAt = new Date('2026-12-07T11:00:00Z');
    const login = ecrLoginOf({ authorizationToken: token('AWS:pw'), expiresAt, proxyEndpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com' });
    expect(login).toMatchObject({ username: 'AWS', password: 'pw', expiresAt: expiresAt.getTime() });
    expect(ecrAddress(login!)).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    expect(ecrAddress(ecrLoginOf({ authorizationToken: token('AWS:pw'), expiresAt, proxyEndpoint: 'http://10.99.0.1:5005' })!)).toBe('10.99.0.1:5005');
    expect(ecrLoginOf(undefined)).toBeNull();
    expect(ecrLoginOf({ authorizationToken: token('AWS:pw'), proxyEndpoint: 'https://x.example' })).toBeNull();
    for (const proxyEndpoint of ['file:///etc/passwd', 'https://x.example/path', 'https://u:p@x.example', 'not a url']) {
      expect(ecrLoginOf({ authorizationToken: token('AWS:pw'), expiresAt, proxyEndpoint })).toBeNull();
    }
  });

  it('are asked for again within the refresh margin of their expiry', () => {
    const now = Date.UTC(2026, 11, 6, 23, 0);
    expect(ecrLoginFresh({ expiresAt: now + 12 * 3600_000 }, now)).toBe(true);
    expect(ecrLoginFresh({ expiresAt: now + ECR_REFRESH_MARGIN_MS + 1 }, now)).toBe(true);
    expect(ecrLoginFresh({ expiresAt: now + ECR_REFRESH_MARGIN_MS }, now)).toBe(false);
    expect(ecrLoginFresh({ expiresAt: now - 1 }, now)).toBe(false);
  });

  it('regions and access key ids are told from junk', () => {
    for (const r of ['us-east-1', 'eu-central-2', 'cn-north-1', 'us-gov-west-1', 'ap-southeast-4']) expect(AWS_REGION.test(r)).toBe(true);
    for (const r of ['', 'us-east', 'US-EAST-1', 'us_east_1', 'us-east-1/x']) expect(AWS_REGION.test(r)).toBe(false);
    expect(AWS_ACCESS_KEY_ID.test('AKIAIOSFODNN7EXAMPLE')).toBe(true);
    for (const k of ['akiaiosfodnn7example', 'AKIA', 'AKIA IOSFODNN7EXAMPLE']) expect(AWS_ACCESS_KEY_ID.test(k)).toBe(false);
  });
});
