// Certificates made for a test, with any validity: CAs, and server or client certificates they sign
// (EC P-256 through @peculiar/x509, as PEM text).
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export type Pem = { cert: string; key: string };
type Signer = { certificate: x509.X509Certificate; keys: CryptoKeyPair; pem: Pem };

async function make(subject: string, issuer: Signer | null, options: { from: number; to: number; extensions: (keys: CryptoKeyPair) => Promise<x509.Extension[]> }): Promise<Signer> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex').replace(/^./, '1'),
    subject,
    issuer: issuer?.certificate.subject ?? subject,
    notBefore: new Date(Date.now() + options.from * DAY),
    notAfter: new Date(Date.now() + options.to * DAY),
    publicKey: keys.publicKey,
    signingKey: (issuer?.keys ?? keys).privateKey,
    signingAlgorithm: EC,
    extensions: await options.extensions(keys),
  });
  const key = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { certificate, keys, pem: { cert: certificate.toString('pem'), key } };
}

/** A self-signed CA valid from yesterday for a year. */
export function testCa(name: string): Promise<Signer> {
  return make(`CN=${name}`, null, {
    from: -1,
    to: 365,
    extensions: async (keys) => [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true), await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)],
  });
}

/** A leaf signed by `ca`, valid between `from` and `to` days from now; a server one names 127.0.0.1. */
export async function testLeaf(ca: Signer, usage: 'server' | 'client', validity: { from: number; to: number } = { from: -1, to: 30 }): Promise<Pem> {
  const leaf = await make(`CN=wharf-test-${usage}`, ca, {
    ...validity,
    extensions: async () => [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
      ...(usage === 'server' ? [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])] : []),
    ],
  });
  return leaf.pem;
}
