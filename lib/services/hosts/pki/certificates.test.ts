import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority, createHostCertificateAuthority, dnValue, engineSans, isIssuedBy, issueClientCertificate, issueServerCertificate, LEAF_DAYS, summarizeCertificate } from './certificates.ts';

describe('Wharf certificate authority', () => {
  it('makes a CA that signs server and client certificates Node accepts', async () => {
    const ca = await createCertificateAuthority('Wharf engines');
    const caX = new X509Certificate(ca.certPem);
    expect(caX.ca).toBe(true);
    expect(caX.subject).toContain('CN=Wharf engines');

    const server = await issueServerCertificate(ca, { hostName: 'web-1', addresses: ['10.99.0.51', 'web-1.example.com'] });
    const serverX = new X509Certificate(server.certPem);
    expect(serverX.verify(caX.publicKey)).toBe(true);
    expect(serverX.checkIP('10.99.0.51')).toBe('10.99.0.51');
    expect(serverX.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serverX.checkHost('web-1.example.com')).toBe('web-1.example.com');
    expect(serverX.checkIP('10.99.0.52')).toBeUndefined();
    expect(serverX.ca).toBe(false);
    expect(serverX.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(server.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const client = await issueClientCertificate(ca, { kind: 'user', username: 'alice', userId: 'u1', hostName: 'web-1', days: 30 });
    const clientX = new X509Certificate(client.certPem);
    expect(clientX.verify(caX.publicKey)).toBe(true);
    expect(clientX.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(clientX.subject).toContain('CN=alice');
    expect(clientX.subject).toContain('OU=user:u1');
    expect(await isIssuedBy(client.certPem, ca.certPem)).toBe(true);
    expect(server.serial).not.toBe(client.serial);
  });

  it('refuses a certificate signed by another CA', async () => {
    const [a, b] = await Promise.all([createCertificateAuthority('A'), createCertificateAuthority('B')]);
    const cert = await issueClientCertificate(a, { kind: 'console' });
    expect(await isIssuedBy(cert.certPem, b.certPem)).toBe(false);
    expect(await isIssuedBy(cert.certPem, a.certPem)).toBe(true);
  });

  it('never outlives its CA and starts a little in the past for clock skew', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const ca = await createCertificateAuthority('Short', now);
    const cert = await issueServerCertificate(ca, { hostName: 'h', addresses: [], now: new Date('2035-12-01T00:00:00Z') });
    const summary = summarizeCertificate(cert.certPem);
    expect(new Date(summary.notAfter).getTime()).toBeLessThanOrEqual(new Date(new X509Certificate(ca.certPem).validTo).getTime());
    expect(new Date(summary.notBefore).getTime()).toBeLessThan(new Date('2035-12-01T00:00:00Z').getTime());
    expect(summary.sans).toEqual(expect.arrayContaining(['ip:127.0.0.1', 'dns:localhost', 'dns:h']));
  });

  it('escapes distinguished-name syntax in user-chosen names', async () => {
    expect(dnValue('a,b=c+d')).toBe('a\\,b\\=c\\+d');
    const ca = await createCertificateAuthority('CA');
    const cert = await issueClientCertificate(ca, { kind: 'user', username: 'eve, O=Evil', userId: 'u2', hostName: 'h', days: 30 });
    const x = new X509Certificate(cert.certPem);
    expect(x.subject.split('\n')).toContain('O=Wharf');
    expect(x.subject.split('\n')).not.toContain('O=Evil');
  });

  it('sorts engine names into IP and DNS SANs and drops junk', () => {
    expect(engineSans(['10.0.0.5', 'Web-1', '::1', 'bad name;rm', ''])).toEqual({ ips: ['127.0.0.1', '10.0.0.5', '::1'], dnsNames: ['localhost', 'web-1'] });
  });
});

const DAY = 86_400_000;
const lifetimeDays = (pem: string, from: Date) => (new Date(new X509Certificate(pem).validTo).getTime() - from.getTime()) / DAY;

describe('a CA per host', () => {
  it('gives each host a CA of its own whose certificates the other host’s CA does not accept', async () => {
    const [a, b] = await Promise.all([createHostCertificateAuthority({ hostName: 'web-1', caId: 'hca1' }), createHostCertificateAuthority({ hostName: 'web-2', caId: 'hca2' })]);
    expect(new X509Certificate(a.certPem).subject.split('\n')).toEqual(expect.arrayContaining(['CN=Wharf CA for web-1', 'OU=ca:hca1']));
    const bundle = await issueClientCertificate(a, { kind: 'user', username: 'alice', userId: 'u1', hostName: 'web-1', days: 30 });
    const engineB = await issueServerCertificate(b, { hostName: 'web-2', addresses: ['10.0.0.2'] });
    expect(await isIssuedBy(bundle.certPem, a.certPem)).toBe(true);
    expect(await isIssuedBy(bundle.certPem, b.certPem)).toBe(false);
    expect(await isIssuedBy(engineB.certPem, a.certPem)).toBe(false);
  });

  it('a rotated CA of the same host has another name and key: the old one’s certificates do not pass for it', async () => {
    const before = await createHostCertificateAuthority({ hostName: 'web-1', caId: 'hca1' });
    const after = await createHostCertificateAuthority({ hostName: 'web-1', caId: 'hca9' });
    expect(new X509Certificate(after.certPem).subject).not.toBe(new X509Certificate(before.certPem).subject);
    const old = await issueClientCertificate(before, { kind: 'console' });
    expect(await isIssuedBy(old.certPem, after.certPem)).toBe(false);
  });
});

describe('how long a CLI certificate lasts', () => {
  const now = new Date('2027-01-01T00:00:00Z');

  it('lasts the days asked for, within 1 to 365; the console’s own lasts about three years', async () => {
    const ca = await createCertificateAuthority('CA', now);
    const user = (days: number) => issueClientCertificate(ca, { kind: 'user', username: 'alice', userId: 'u1', hostName: 'h', days }, now);
    expect(lifetimeDays((await user(30)).certPem, now)).toBeCloseTo(30, 3);
    expect(lifetimeDays((await user(1)).certPem, now)).toBeCloseTo(1, 3);
    expect(lifetimeDays((await user(365)).certPem, now)).toBeCloseTo(365, 3);
    expect(lifetimeDays((await issueClientCertificate(ca, { kind: 'console' }, now)).certPem, now)).toBeCloseTo(LEAF_DAYS, 3);
  });

  it('refuses a user certificate for longer, shorter or fractional days', async () => {
    const ca = await createCertificateAuthority('CA', now);
    for (const days of [0, 366, 1095, 2.5, Number.NaN]) {
      await expect(issueClientCertificate(ca, { kind: 'user', username: 'alice', userId: 'u1', hostName: 'h', days }, now), String(days)).rejects.toThrow(RangeError);
    }
  });
});
