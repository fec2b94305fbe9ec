// Checks pasted TLS material before any connection is tried, naming the part that is wrong:
// the CA certificate, the client certificate or the client key.
import 'server-only';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { FieldErrors } from '@/lib/errors.ts';
import type { TlsMaterial } from '../../models/hosts/connection-spec.ts';

export type TlsSummary = { caSubject: string; certSubject: string; certNotAfter: string };

const CERT_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function readCertificate(pem: string, what: string, errors: string[]): X509Certificate | null {
  if (!CERT_PEM.test(pem)) {
    errors.push(`This is not a PEM certificate (it should start with -----BEGIN CERTIFICATE-----). Paste the ${what}.`);
    return null;
  }
  try {
    return new X509Certificate(pem);
  } catch {
    errors.push(`This ${what} is damaged and cannot be read.`);
    return null;
  }
}

function checkValidity(cert: X509Certificate, what: string, now: Date, errors: string[]) {
  if (new Date(cert.validTo) < now) errors.push(`This ${what} expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}.`);
  else if (new Date(cert.validFrom) > now) errors.push(`This ${what} is not valid until ${new Date(cert.validFrom).toISOString().slice(0, 10)}.`);
}

const subjectOf = (cert: X509Certificate) => cert.subject.replace(/\n/g, ', ');
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

export function checkTlsMaterial(material: TlsMaterial, now = new Date()): { errors: FieldErrors | null; summary: TlsSummary | null } {
  const errors: Record<'ca' | 'cert' | 'key', string[]> = { ca: [], cert: [], key: [] };

  const ca = readCertificate(material.ca, 'CA certificate', errors.ca);
  if (ca) {
    checkValidity(ca, 'CA certificate', now, errors.ca);
    if (!ca.ca) errors.ca.push('This certificate is not a CA certificate (basicConstraints CA:FALSE). Use the CA that signed the engine\'s certificate (ca.pem).');
  }

  const cert = readCertificate(material.cert, 'client certificate', errors.cert);
  if (cert) {
    checkValidity(cert, 'client certificate', now, errors.cert);
    // Node lists the extended key usages here; absent means "any use".
    const usages = cert.keyUsage;
    if (usages && usages.length > 0 && !usages.includes(CLIENT_AUTH)) {
      errors.cert.push('This certificate is not for client authentication (no clientAuth usage): it looks like a server certificate. Use the client certificate (cert.pem).');
    }
  }

  let key: KeyObject | null = null;
  if (/ENCRYPTED/.test(material.key)) {
    errors.key.push('This key is protected by a passphrase. Docker clients need an unencrypted key (openssl pkey -in key.pem -out key-plain.pem).');
  } else {
    try {
      key = createPrivateKey(material.key);
    } catch {
      errors.key.push('This is not a private key in PEM form (-----BEGIN … PRIVATE KEY-----).');
    }
  }
  if (cert && key && !cert.checkPrivateKey(key)) {
    errors.key.push('This key does not belong to the client certificate.');
  }

  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([, list]) => list.length > 0));
  if (Object.keys(fieldErrors).length > 0) return { errors: fieldErrors, summary: null };
  return { errors: null, summary: { caSubject: subjectOf(ca!), certSubject: subjectOf(cert!), certNotAfter: new Date(cert!.validTo).toISOString() } };
}
