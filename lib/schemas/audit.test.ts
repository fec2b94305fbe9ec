import { describe, expect, it } from 'vitest';
import { auditDestinationSchema, isLinkLocalOrMetadata, updateAuditDestinationSchema } from './audit.ts';
import { localizeText } from '@/lib/errors.ts';

const issues = (input: unknown) => {
  const parsed = auditDestinationSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${localizeText(i.message, 'en')}`);
};

describe('forwarding destinations', () => {
  it('take a syslog host and port, TLS off unless asked, enabled unless said', () => {
    expect(auditDestinationSchema.parse({ kind: 'syslog', name: ' siem ', host: 'logs.example.com', port: '6514', tls: true })).toEqual({
      kind: 'syslog', name: 'siem', host: 'logs.example.com', port: 6514, tls: true, ca: '', enabled: true,
    });
    expect(auditDestinationSchema.parse({ kind: 'syslog', name: 'v6', host: '[2001:db8::1]', port: 514 })).toMatchObject({ host: '2001:db8::1', tls: false });
  });

  it('refuse what is not an address, a port or a PEM, each on its field', () => {
    expect(issues({ kind: 'syslog', name: '', host: 'a b', port: 70000, ca: 'not a pem' })).toEqual([
      'name: Give the destination a name.',
      'host: Use a host name or an IP address.',
      'port: Ports run from 1 to 65535.',
      'ca: Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).',
    ]);
  });

  it('refuse link-local and metadata addresses, IPv6 and mapped forms included', () => {
    expect(issues({ kind: 'syslog', name: 'x', host: '169.254.169.254', port: 514 })).toEqual(['host: Link-local and cloud metadata addresses cannot receive the audit log.']);
    expect(issues({ kind: 'http', name: 'x', url: 'http://[fe80::1]/x' })).toEqual(['url: Link-local and cloud metadata addresses cannot receive the audit log.']);
    expect(isLinkLocalOrMetadata('::ffff:169.254.169.254')).toBe(true);
    expect(isLinkLocalOrMetadata('fd00:ec2::254')).toBe(true);
    expect(isLinkLocalOrMetadata('10.0.0.1')).toBe(false);
  });

  it('take only http(s) URLs without credentials in them', () => {
    expect(issues({ kind: 'http', name: 'x', url: 'ftp://logs.example.com/' })).toEqual(['url: Use an http:// or https:// URL.']);
    expect(issues({ kind: 'http', name: 'x', url: 'https://user:pw@logs.example.com/' })).toEqual(['url: Put no credentials in the URL: give a bearer secret instead.']);
    expect(issues({ kind: 'http', name: 'x', url: 'logs.example.com' })).toEqual(['url: Use a full URL, e.g. https://logs.example.com/wharf.']);
    expect(auditDestinationSchema.parse({ kind: 'http', name: 'x', url: 'https://logs.example.com/wharf', secret: 's3cret' })).toMatchObject({ secret: 's3cret', enabled: true });
  });

  it('on edit, keep the secret unless a new one is given or it is cleared', () => {
    expect(updateAuditDestinationSchema.parse({ destinationId: 'h0123456789abcdef01234567', kind: 'http', name: 'x', url: 'https://l.example.com/' })).toMatchObject({ secret: '', clearSecret: false });
    expect(updateAuditDestinationSchema.safeParse({ destinationId: '../x', kind: 'http', name: 'x', url: 'https://l.example.com/' }).success).toBe(false);
  });
});
