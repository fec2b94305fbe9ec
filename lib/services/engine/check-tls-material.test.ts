import crypto, { KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import type { Locale } from '@/lib/i18n/locales.ts';
import { checkTlsMaterial as checkSaid } from '@/lib/services/engine/check-tls-material.ts';
import type { TlsMaterial } from '@/lib/models/hosts/connection-spec.ts';

/** The check with its field errors as a reader of `locale` sees them (English unless told). */
function checkTlsMaterial(material: TlsMaterial, now: Date, locale: Locale = 'en') {
  const result = checkSaid(material, now);
  const errors = result.errors && Object.fromEntries(Object.entries(result.errors).map(([field, texts]) => [field, texts.map((text) => localizeText(text, locale))]));
  return { ...result, errors };
}

const webcrypto = crypto.webcrypto as unknown as Crypto;
x509.cryptoProvider.set(webcrypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
// Every check runs against this fixed "now", never the wall clock.
const NOW = new Date('2026-06-15T12:00:00Z');
const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const VALID_TO = new Date('2027-01-01T00:00:00Z');

type Issued = { pem: string; keys: CryptoKeyPair; keyPem: string };

const newKeys = () => webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function makeCa(name: string, opts: { notBefore?: Date; notAfter?: Date; isCa?: boolean } = {}): Promise<Issued> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    keys,
    signingAlgorithm: ALG,
    notBefore: opts.notBefore ?? VALID_FROM,
    notAfter: opts.notAfter ?? VALID_TO,
    extensions: [
      new x509.BasicConstraintsExtension(opts.isCa ?? true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  return { pem: cert.toString('pem'), keys, keyPem: await pkcs8Pem(keys.privateKey) };
}

async function makeClient(issuer: Issued, issuerName: string, subject: string, opts: { notBefore?: Date; notAfter?: Date; usage?: string } = {}): Promise<Issued> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject,
    issuer: issuerName,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: ALG,
    notBefore: opts.notBefore ?? VALID_FROM,
    notAfter: opts.notAfter ?? VALID_TO,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([opts.usage ?? x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return { pem: cert.toString('pem'), keys, keyPem: await pkcs8Pem(keys.privateKey) };
}

const CA_NAME = 'CN=Wharf Test CA, O=Wharf';
const CLIENT_NAME = 'CN=wharf-client, O=Wharf';

let ca: Issued;
let client: Issued;
let good: TlsMaterial;
let leaf: Issued;
let expiredCa: Issued;
let futureCa: Issued;
let expiredClient: Issued;
let futureClient: Issued;
let otherKeyPem: string;

beforeAll(async () => {
  ca = await makeCa(CA_NAME);
  client = await makeClient(ca, CA_NAME, CLIENT_NAME);
  good = { ca: ca.pem, cert: client.pem, key: client.keyPem };
  leaf = await makeClient(ca, CA_NAME, 'CN=not-a-ca');
  expiredCa = await makeCa('CN=Old CA', { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2025-03-04T00:00:00Z') });
  futureCa = await makeCa('CN=Future CA', { notBefore: new Date('2026-09-10T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
  expiredClient = await makeClient(ca, CA_NAME, 'CN=old-client', { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2026-02-03T00:00:00Z') });
  futureClient = await makeClient(ca, CA_NAME, 'CN=future-client', { notBefore: new Date('2026-08-20T00:00:00Z'), notAfter: new Date('2028-01-01T00:00:00Z') });
  otherKeyPem = await pkcs8Pem((await newKeys()).privateKey);
});

/** The errors of a check, asserting they sit on exactly `field` and nowhere else. */
function errorsOn(material: TlsMaterial, field: 'ca' | 'cert' | 'key'): string[] {
  const result = checkTlsMaterial(material, NOW);
  expect(result.summary).toBeNull();
  expect(result.errors).not.toBeNull();
  expect(Object.keys(result.errors!)).toEqual([field]);
  return result.errors![field];
}

describe('checkTlsMaterial', () => {
  describe('valid material', () => {
    it('has no errors and summarises the subjects and expiry', () => {
      expect(checkTlsMaterial(good, NOW)).toEqual({
        errors: null,
        summary: {
          caSubject: 'CN=Wharf Test CA, O=Wharf',
          certSubject: 'CN=wharf-client, O=Wharf',
          certNotAfter: VALID_TO.toISOString(),
        },
      });
    });

    it('accepts surrounding blank lines and CRLF line endings', () => {
      const crlf = (pem: string) => `\r\n\r\n${pem.replace(/\r?\n/g, '\r\n')}\r\n  \r\n`;
      expect(checkTlsMaterial({ ca: crlf(ca.pem), cert: crlf(client.pem), key: crlf(client.keyPem) }, NOW).errors).toBeNull();
    });

    it('accepts a SEC1 ("EC PRIVATE KEY") key as well as PKCS#8', () => {
      const sec1 = KeyObject.from(client.keys.privateKey).export({ format: 'pem', type: 'sec1' }) as string;
      expect(sec1).toContain('BEGIN EC PRIVATE KEY');
      expect(checkTlsMaterial({ ...good, key: sec1 }, NOW).errors).toBeNull();
    });

    it('is valid on the first and last day of the validity period', () => {
      expect(checkTlsMaterial(good, VALID_FROM).errors).toBeNull();
      expect(checkTlsMaterial(good, VALID_TO).errors).toBeNull();
    });
  });

  describe('CA field', () => {
    it('flags garbage text as not a PEM certificate', () => {
      const [message] = errorsOn({ ...good, ca: 'hello, this is my CA' }, 'ca');
      expect(message).toMatch(/not a PEM certificate/);
      expect(message).toMatch(/CA certificate/);
    });

    it('flags an empty field', () => {
      expect(errorsOn({ ...good, ca: '' }, 'ca')[0]).toMatch(/not a PEM certificate/);
    });

    it('flags a private key pasted as the CA', () => {
      expect(errorsOn({ ...good, ca: ca.keyPem }, 'ca')[0]).toMatch(/not a PEM certificate/);
    });

    it('flags a damaged certificate body', () => {
      const damaged = ca.pem.replace(/(-----BEGIN CERTIFICATE-----\r?\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA');
      expect(damaged).not.toBe(ca.pem);
      expect(errorsOn({ ...good, ca: damaged }, 'ca')[0]).toMatch(/damaged/);
    });

    it('flags a leaf certificate (CA:FALSE) as not a CA', () => {
      const messages = errorsOn({ ...good, ca: leaf.pem }, 'ca');
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/not a CA certificate/);
    });

    it('flags an expired CA with its expiry date', () => {
      const messages = errorsOn({ ...good, ca: expiredCa.pem }, 'ca');
      expect(messages).toEqual(['This CA certificate expired on 2025-03-04.']);
    });

    it('flags a CA that is not valid yet with its start date', () => {
      expect(errorsOn({ ...good, ca: futureCa.pem }, 'ca')).toEqual(['This CA certificate is not valid until 2026-09-10.']);
    });
  });

  describe('client certificate field', () => {
    it('flags garbage text as not a PEM certificate', () => {
      const [message] = errorsOn({ ...good, cert: 'garbage' }, 'cert');
      expect(message).toMatch(/not a PEM certificate/);
      expect(message).toMatch(/client certificate/);
    });

    it('flags the key pasted into the certificate field (and does not blame the key)', () => {
      const messages = errorsOn({ ...good, cert: client.keyPem }, 'cert');
      expect(messages[0]).toMatch(/not a PEM certificate/);
    });

    it('flags an expired client certificate with its expiry date', () => {
      expect(errorsOn({ ...good, cert: expiredClient.pem, key: expiredClient.keyPem }, 'cert')).toEqual(['This client certificate expired on 2026-02-03.']);
    });

    it('flags a client certificate that is not valid yet with its start date', () => {
      expect(errorsOn({ ...good, cert: futureClient.pem, key: futureClient.keyPem }, 'cert')).toEqual(['This client certificate is not valid until 2026-08-20.']);
    });
  });

  describe('key field', () => {
    it('flags garbage text as not a private key', () => {
      expect(errorsOn({ ...good, key: 'not a key' }, 'key')[0]).toMatch(/not a private key in PEM form/);
    });

    it('flags an empty key', () => {
      expect(errorsOn({ ...good, key: '' }, 'key')[0]).toMatch(/not a private key/);
    });

    it('flags the certificate pasted into the key field', () => {
      expect(errorsOn({ ...good, key: client.pem }, 'key')[0]).toMatch(/not a private key/);
    });

    it('flags a public key', () => {
      const publicPem = KeyObject.from(client.keys.publicKey).export({ format: 'pem', type: 'spki' }) as string;
      expect(errorsOn({ ...good, key: publicPem }, 'key')[0]).toMatch(/not a private key/);
    });

    it('flags a key that does not belong to the client certificate', () => {
      expect(errorsOn({ ...good, key: otherKeyPem }, 'key')).toEqual(['This key does not belong to the client certificate.']);
    });

    it("flags the CA's key instead of the client's", () => {
      expect(errorsOn({ ...good, key: ca.keyPem }, 'key')[0]).toMatch(/does not belong/);
    });

    it('flags a key of another algorithm (RSA against an EC certificate) as not belonging', () => {
      const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
      expect(errorsOn({ ...good, key: rsa }, 'key')[0]).toMatch(/does not belong/);
    });

    it('flags an encrypted PKCS#8 key as passphrase-protected', () => {
      const encrypted = KeyObject.from(client.keys.privateKey).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
      expect(encrypted).toContain('BEGIN ENCRYPTED PRIVATE KEY');
      const messages = errorsOn({ ...good, key: encrypted }, 'key');
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/protected by a passphrase/);
    });

    it('flags a legacy encrypted key (Proc-Type: 4,ENCRYPTED) as passphrase-protected', () => {
      const encrypted = KeyObject.from(client.keys.privateKey).export({ format: 'pem', type: 'sec1', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
      expect(encrypted).toContain('Proc-Type: 4,ENCRYPTED');
      expect(errorsOn({ ...good, key: encrypted }, 'key')[0]).toMatch(/protected by a passphrase/);
    });
  });

  describe('several problems at once', () => {
    it('reports each field separately', () => {
      const result = checkTlsMaterial({ ca: leaf.pem, cert: 'garbage', key: 'garbage' }, NOW);
      expect(result.summary).toBeNull();
      expect(Object.keys(result.errors!).sort()).toEqual(['ca', 'cert', 'key']);
      expect(result.errors!.ca[0]).toMatch(/not a CA/);
      expect(result.errors!.cert[0]).toMatch(/not a PEM certificate/);
      expect(result.errors!.key[0]).toMatch(/not a private key/);
    });

    it('lists both an expiry and CA:FALSE on the CA field', () => {
      const expiredLeaf = expiredClient.pem;
      const messages = errorsOn({ ...good, ca: expiredLeaf }, 'ca');
      expect(messages).toHaveLength(2);
      expect(messages[0]).toMatch(/expired on 2026-02-03/);
      expect(messages[1]).toMatch(/not a CA certificate/);
    });

    it('uses the given time: the same material is fine earlier and expired later', () => {
      const material = { ...good, cert: expiredClient.pem, key: expiredClient.keyPem };
      expect(checkTlsMaterial(material, new Date('2026-01-15T00:00:00Z')).errors).toBeNull();
      expect(checkTlsMaterial(material, NOW).errors).toEqual({ cert: ['This client certificate expired on 2026-02-03.'] });
    });
  });

  it('refuses a server certificate pasted as the client certificate, on the cert field', async () => {
    const server = await makeClient(ca, CA_NAME, 'CN=lab-1', { usage: x509.ExtendedKeyUsage.serverAuth });
    const { errors } = checkTlsMaterial({ ca: ca.pem, cert: server.pem, key: server.keyPem }, NOW);
    expect(Object.keys(errors ?? {})).toEqual(['cert']);
    expect(errors!.cert[0]).toMatch(/not for client authentication/);
  });
});

describe('checkTlsMaterial in Chinese', () => {
  it('names the certificate and its date in Chinese', () => {
    expect(checkTlsMaterial({ ...good, cert: expiredClient.pem, key: expiredClient.keyPem }, NOW, 'zh-CN').errors).toEqual({ cert: ['此客户端证书已于 2026-02-03 过期。'] });
    expect(checkTlsMaterial({ ...good, ca: 'garbage' }, NOW, 'zh-CN').errors!.ca[0]).toMatch(/^这不是 PEM 证书.*请粘贴CA 证书。$/);
  });
});
