// Checks pasted TLS material before any connection is tried, naming the part that is wrong:
// the CA certificate, the client certificate or the client key.
import 'server-only';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { FieldErrors } from '@/lib/errors.ts';
import { issueText } from '@/lib/i18n/message.ts';
import type { TlsMaterial } from '../../models/hosts/connection-spec.ts';

export type TlsSummary = { caSubject: string; certSubject: string; certNotAfter: string };

const CERT_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Which certificate a sentence is about (the catalogue selects its name). */
type Which = 'ca' | 'client';

function readCertificate(pem: string, what: Which, errors: string[]): X509Certificate | null {
  if (!CERT_PEM.test(pem)) {
    errors.push(issueText('engineText.tls.notPem', { what }));
    return null;
  }
  try {
    return new X509Certificate(pem);
  } catch {
    errors.push(issueText('engineText.tls.damaged', { what }));
    return null;
  }
}

function checkValidity(cert: X509Certificate, what: Which, now: Date, errors: string[]) {
  if (new Date(cert.validTo) < now) errors.push(issueText('engineText.tls.expired', { what, date: new Date(cert.validTo).toISOString().slice(0, 10) }));
  else if (new Date(cert.validFrom) > now) errors.push(issueText('engineText.tls.notYetValid', { what, date: new Date(cert.validFrom).toISOString().slice(0, 10) }));
}

const subjectOf = (cert: X509Certificate) => cert.subject.replace(/\n/g, ', ');
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
// The catalogues reach every browser: the words a private key's PEM block starts with stay out of them.
const PRIVATE_KEY_MARKER = '-----BEGIN … PRIVATE KEY-----';

export function checkTlsMaterial(material: TlsMaterial, now = new Date()): { errors: FieldErrors | null; summary: TlsSummary | null } {
  const errors: Record<'ca' | 'cert' | 'key', string[]> = { ca: [], cert: [], key: [] };

  const ca = readCertificate(material.ca, 'ca', errors.ca);
  if (ca) {
    checkValidity(ca, 'ca', now, errors.ca);
    if (!ca.ca) errors.ca.push(issueText('engineText.tls.notCa'));
  }

  const cert = readCertificate(material.cert, 'client', errors.cert);
  if (cert) {
    checkValidity(cert, 'client', now, errors.cert);
    // Node lists the extended key usages here; absent means "any use".
    const usages = cert.keyUsage;
    if (usages && usages.length > 0 && !usages.includes(CLIENT_AUTH)) {
      errors.cert.push(issueText('engineText.tls.notClient'));
    }
  }

  let key: KeyObject | null = null;
  if (/ENCRYPTED/.test(material.key)) {
    errors.key.push(issueText('engineText.tls.keyEncrypted'));
  } else {
    try {
      key = createPrivateKey(material.key);
    } catch {
      errors.key.push(issueText('engineText.tls.notKey', { marker: PRIVATE_KEY_MARKER }));
    }
  }
  if (cert && key && !cert.checkPrivateKey(key)) {
    errors.key.push(issueText('engineText.tls.keyMismatch'));
  }

  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([, list]) => list.length > 0));
  if (Object.keys(fieldErrors).length > 0) return { errors: fieldErrors, summary: null };
  return { errors: null, summary: { caSubject: subjectOf(ca!), certSubject: subjectOf(cert!), certNotAfter: new Date(cert!.validTo).toISOString() } };
}
