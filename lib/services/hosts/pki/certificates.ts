// Certificate authorities and the certificates they issue. Every provisioned host has a CA of its
// own, which signs its engine's server certificate (its addresses as SANs) and the client
// certificates for it (the console's own, and one per user for the docker CLI, so CLI use is
// attributable): a certificate opens that one engine. EC P-256, made with @peculiar/x509 on
// Node's WebCrypto. Pure apart from randomness and the clock (passed in as `now`).
import 'server-only';
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import { CLI_BUNDLE_DAYS } from '@/lib/models/hosts/cli-bundles.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export type CaMaterial = { certPem: string; keyPem: string };
export type IssuedCertificate = { certPem: string; keyPem: string; serial: string; notAfter: Date; subject: string };

/** A certificate's validity: the CA lives 10 years, the engine's and the console's certificates
 * about 3 (as Docker Machine's did); users' CLI certificates are asked for in days, within
 * CLI_BUNDLE_DAYS (30 unless configured). */
export const CA_DAYS = 3650;
export const LEAF_DAYS = 1095;

/** A positive 128-bit serial in hex. */
function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

/** A distinguished-name value with the characters that have meaning in "CN=…, O=…" escaped. */
export function dnValue(value: string): string {
  return value.replace(/[\\,+"<>;=#]/g, (c) => `\\${c}`).replace(/^ | $/g, (c) => `\\${c}`);
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyToPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importCaKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return (await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign'])) as CryptoKey;
}

/** A new CA. `unit` tells CAs of the same name apart (a host's CA before and after a rotation). */
export async function createCertificateAuthority(commonName: string, now = new Date(), unit?: string): Promise<CaMaterial> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerial(),
    name: `CN=${dnValue(commonName)}${unit ? `, OU=${dnValue(unit)}` : ''}, O=Wharf`,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey) };
}

type LeafRequest = {
  subject: string;
  usage: 'server' | 'client';
  sans?: { ips: string[]; dnsNames: string[] };
  days?: number;
  now?: Date;
};

async function issue(ca: CaMaterial, request: LeafRequest): Promise<IssuedCertificate> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importCaKey(ca.keyPem);
  const keys = await newKeys();
  const now = request.now ?? new Date();
  const notAfter = new Date(Math.min(now.getTime() + (request.days ?? LEAF_DAYS) * DAY, caCert.notAfter.getTime()));
  const serial = newSerial();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
    new x509.ExtendedKeyUsageExtension([request.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(caCert),
  ];
  if (request.sans) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        ...request.sans.ips.map((value) => ({ type: 'ip' as const, value })),
        ...request.sans.dnsNames.map((value) => ({ type: 'dns' as const, value })),
      ]),
    );
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: request.subject,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter,
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions,
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey), serial, notAfter, subject: request.subject };
}

/** Splits the names an engine is reached by into IP and DNS SANs; always includes localhost for use on the machine itself. */
export function engineSans(names: string[]): { ips: string[]; dnsNames: string[] } {
  const ips = new Set<string>(['127.0.0.1']);
  const dnsNames = new Set<string>(['localhost']);
  for (const name of names.map((n) => n.trim()).filter(Boolean)) {
    if (isIP(name)) ips.add(name);
    else if (/^[A-Za-z0-9.-]{1,253}$/.test(name)) dnsNames.add(name.toLowerCase());
  }
  return { ips: [...ips], dnsNames: [...dnsNames] };
}

export function issueServerCertificate(ca: CaMaterial, engine: { hostName: string; addresses: string[]; now?: Date }): Promise<IssuedCertificate> {
  return issue(ca, {
    subject: `CN=${dnValue(engine.hostName)}, O=Wharf`,
    usage: 'server',
    sans: engineSans([engine.hostName, ...engine.addresses]),
    now: engine.now,
  });
}

/** The CA of one provisioned host. */
export function createHostCertificateAuthority(host: { hostName: string; caId: string }, now?: Date): Promise<CaMaterial> {
  return createCertificateAuthority(`Wharf CA for ${host.hostName}`, now, `ca:${host.caId}`);
}

/** A user's certificate lasts a whole number of days within CLI_BUNDLE_DAYS; anything else is a bug upstream. */
function checkUserDays(days: number): number {
  if (!Number.isInteger(days) || days < CLI_BUNDLE_DAYS.min || days > CLI_BUNDLE_DAYS.max) {
    throw new RangeError(`A CLI certificate lasts ${CLI_BUNDLE_DAYS.min} to ${CLI_BUNDLE_DAYS.max} days, not ${days}`);
  }
  return days;
}

/** A client certificate. `kind` says who holds it: the console itself, or a named user for the docker CLI (for `days`). */
export async function issueClientCertificate(
  ca: CaMaterial,
  holder: { kind: 'console' } | { kind: 'user'; username: string; userId: string; hostName: string; days: number },
  now?: Date,
): Promise<IssuedCertificate> {
  if (holder.kind === 'console') return issue(ca, { subject: 'CN=wharf-console, O=Wharf', usage: 'client', now });
  const subject = `CN=${dnValue(holder.username)}, OU=${dnValue(`user:${holder.userId}`)}, OU=${dnValue(`host:${holder.hostName}`)}, O=Wharf`;
  return issue(ca, { subject, usage: 'client', days: checkUserDays(holder.days), now });
}

export type CertificateSummary = { subject: string; issuer: string; serial: string; notBefore: string; notAfter: string; sans: string[] };

export function summarizeCertificate(certPem: string): CertificateSummary {
  const cert = new x509.X509Certificate(certPem);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serial: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sans: san ? san.names.items.map((n) => `${n.type}:${n.value}`) : [],
  };
}

/** True when `certPem` was signed by `caPem` (signature and issuer name). */
export async function isIssuedBy(certPem: string, caPem: string): Promise<boolean> {
  const cert = new x509.X509Certificate(certPem);
  const ca = new x509.X509Certificate(caPem);
  if (cert.issuer !== ca.subject) return false;
  return cert.verify({ publicKey: ca.publicKey, signatureOnly: true });
}
