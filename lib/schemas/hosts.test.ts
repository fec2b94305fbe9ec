import { describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import {
  hostIdSchema,
  hostNameSchema,
  networkHostSchema,
  registerHostSchema,
  removeHostSchema,
  socketPathSchema,
  sshHostSchema,
  tcpHostSchema,
  unixHostSchema,
  updateHostSchema,
} from '@/lib/schemas/hosts.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
const unixInput = { name: 'local', transport: 'unix', socketPath: '/var/run/docker.sock' };
const tcpInput = { name: 'prod-01', transport: 'tcp', host: 'engine.example.com', ca: PEM, cert: PEM, key: KEY };
const sshInput = { name: 'edge', transport: 'ssh', host: '10.0.0.7', username: 'deploy', privateKey: KEY };
const HOST_ID = 'clx0abc123def456';

/** The messages zod gives for one field. */
function messagesFor(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string): string[] {
  expect(result.success).toBe(false);
  return result.error!.issues.filter((issue) => issue.path[0] === field).map((issue) => localizeText(issue.message, 'en'));
}

describe('schemas/hosts', () => {
  describe('registerHostSchema: valid input per transport', () => {
    it('parses a unix host, defaulting the description', () => {
      expect(registerHostSchema.parse(unixInput)).toEqual({ name: 'local', description: '', transport: 'unix', socketPath: '/var/run/docker.sock' });
    });

    it('parses a tcp host with port 2376 by default', () => {
      expect(registerHostSchema.parse(tcpInput)).toEqual({ ...tcpInput, description: '', port: 2376 });
    });

    it('parses an ssh host with port 22 by default and an empty passphrase', () => {
      expect(registerHostSchema.parse(sshInput)).toEqual({ ...sshInput, description: '', port: 22, passphrase: '' });
    });

    it('coerces a port given as form text', () => {
      expect(registerHostSchema.parse({ ...tcpInput, port: '12376' })).toMatchObject({ port: 12376 });
      expect(registerHostSchema.parse({ ...sshInput, port: '2222' })).toMatchObject({ port: 2222 });
    });

    it('trims names, descriptions, hosts and PEM fields', () => {
      const parsed = registerHostSchema.parse({ ...tcpInput, name: '  prod-01  ', description: '  main engine ', host: ' engine.example.com ', ca: `\n${PEM}\n\n` });
      expect(parsed).toMatchObject({ name: 'prod-01', description: 'main engine', host: 'engine.example.com', ca: PEM });
    });

    it('rejects an unknown or missing transport with a message that lists the choices', () => {
      for (const transport of ['http', 'TCP', '', undefined]) {
        const result = registerHostSchema.safeParse({ ...tcpInput, transport });
        expect(result.success, String(transport)).toBe(false);
        expect(localizeText(result.error!.issues[0].message, 'en')).toBe('Choose how Wharf connects: unix socket, TCP with TLS, or SSH.');
      }
    });

    it('requires the fields of the chosen transport', () => {
      expect(messagesFor(registerHostSchema.safeParse({ name: 'x', transport: 'unix' }), 'socketPath').length).toBeGreaterThan(0);
      const tcp = registerHostSchema.safeParse({ name: 'x', transport: 'tcp', host: 'h' });
      expect(tcp.success).toBe(false);
      expect(new Set(tcp.error!.issues.map((i) => i.path[0]))).toEqual(new Set(['ca', 'cert', 'key']));
    });

    it('rejects empty PEM fields with a message naming the field', () => {
      expect(messagesFor(tcpHostSchema.safeParse({ ...tcpInput, ca: '   ' }), 'ca')).toEqual(['Paste or upload the CA certificate.']);
      expect(messagesFor(tcpHostSchema.safeParse({ ...tcpInput, key: '' }), 'key')).toEqual(['Paste or upload the client key.']);
      expect(messagesFor(sshHostSchema.safeParse({ ...sshInput, privateKey: '' }), 'privateKey')).toEqual(['Paste or upload the SSH private key.']);
    });
  });

  describe('hostNameSchema', () => {
    it.each(['a', 'web-01', 'Prod.Engine_2', '0day', 'x'.repeat(63)])('accepts %s', (name) => {
      expect(hostNameSchema.parse(name)).toBe(name);
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['a path traversal', '../etc'],
      ['a traversal inside', 'a/../b'],
      ['a slash', 'a/b'],
      ['a backslash', 'a\\b'],
      ['a NUL', 'a\0b'],
      ['a newline', 'a\nb'],
      ['a tab inside', 'a\tb'],
      ['DEL', 'a\x7fb'],
      ['an escape sequence', 'a\x1b[31mb'],
      ['a space', 'my host'],
      ['a leading dot', '.hidden'],
      ['a leading dash', '-rf'],
      ['a leading underscore', '_x'],
      ['non-ASCII letters', 'café'],
      ['HTML', '<b>x</b>'],
      ['64 characters', 'x'.repeat(64)],
    ])('rejects %s', (_label, name) => {
      expect(hostNameSchema.safeParse(name).success).toBe(false);
    });

    it('counts the length after trimming', () => {
      expect(hostNameSchema.parse(`  ${'x'.repeat(63)}  `)).toBe('x'.repeat(63));
    });
  });

  describe('description', () => {
    it('rejects control characters and more than 500 characters', () => {
      expect(messagesFor(unixHostSchema.safeParse({ ...unixInput, description: 'line\nbreak' }), 'description')).toEqual(['No control characters.']);
      expect(messagesFor(unixHostSchema.safeParse({ ...unixInput, description: 'x'.repeat(501) }), 'description')).toEqual(['At most 500 characters.']);
      expect(unixHostSchema.parse({ ...unixInput, description: 'x'.repeat(500) }).description).toHaveLength(500);
    });
  });

  describe('socketPathSchema', () => {
    it.each(['/var/run/docker.sock', '/run/user/1000/docker.sock', '/home/me/.colima/default/docker.sock'])('accepts %s', (p) => {
      expect(socketPathSchema.parse(p)).toBe(p);
    });

    it.each([
      ['/var/run/../run/docker.sock', '/var/run/docker.sock'],
      ['/var/run/../../run/docker.sock', '/run/docker.sock'],
      ['//run//docker.sock', '/run/docker.sock'],
      ['/run/./docker.sock', '/run/docker.sock'],
      ['/../../run/docker.sock', '/run/docker.sock'],
      ['  /run/docker.sock  ', '/run/docker.sock'],
    ])('normalises %s to %s', (input, normalised) => {
      expect(socketPathSchema.parse(input)).toBe(normalised);
    });

    it.each([
      ['empty', ''],
      ['relative', 'var/run/docker.sock'],
      ['dot-relative', './docker.sock'],
      ['parent-relative', '../docker.sock'],
      ['home-relative', '~/docker.sock'],
      ['a URL', 'unix:///var/run/docker.sock'],
      ['with a NUL', '/var/run/docker.sock\0'],
      ['with a newline', '/var/run/\ndocker.sock'],
      ['with an escape', '/var/run/\x1bdocker.sock'],
      ['with DEL', '/var/run/docker\x7f.sock'],
      ['108 characters', `/${'a'.repeat(107)}`],
    ])('rejects %s', (_label, p) => {
      expect(socketPathSchema.safeParse(p).success).toBe(false);
    });

    it('accepts exactly 107 characters', () => {
      const p = `/${'a'.repeat(106)}`;
      expect(socketPathSchema.parse(p)).toBe(p);
    });

    it('says why a relative path is refused', () => {
      expect(socketPathSchema.safeParse('docker.sock').error!.issues.map((i) => localizeText(i.message, 'en'))).toContain('Use an absolute path, starting with /.');
    });

    // sun_path holds 108 bytes including the terminating NUL: the limit is 107 bytes, not 107
    // UTF-16 code units. A non-ASCII path under 107 characters can be far over 107 bytes.
    it('counts the 107-character limit in bytes, rejecting a short non-ASCII path over 107 bytes', () => {
      const p = `/${'é'.repeat(60)}`; // 61 characters, 121 bytes
      expect(Buffer.byteLength(p)).toBeGreaterThan(107);
      expect(socketPathSchema.safeParse(p).success).toBe(false);
    });
  });

  describe('networkHostSchema', () => {
    it.each([
      ['IPv4', '10.0.0.5', '10.0.0.5'],
      ['IPv4 loopback', '127.0.0.1', '127.0.0.1'],
      ['IPv6', '2001:db8::1', '2001:db8::1'],
      ['IPv6 loopback', '::1', '::1'],
      ['bracketed IPv6', '[2001:db8::1]', '2001:db8::1'],
      ['bracketed IPv6 with spaces around', '  [fe80::1]  ', 'fe80::1'],
      ['a single-label name', 'localhost', 'localhost'],
      ['a DNS name', 'engine-01.prod.example.com', 'engine-01.prod.example.com'],
      ['a name with capitals and digits', 'Engine2.Example.COM', 'Engine2.Example.COM'],
      ['a 63-character label', `${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`],
    ])('accepts %s', (_label, input, parsed) => {
      expect(networkHostSchema.parse(input)).toBe(parsed);
    });

    it.each([
      ['empty', ''],
      ['a space inside', 'a b'],
      ['a shell command', 'host;rm -rf /'],
      ['command substitution', '$(id)'],
      ['backticks', '`id`'],
      ['a pipe', 'host|nc evil 1'],
      ['a URL', 'https://engine.example.com'],
      ['host:port', 'engine.example.com:2376'],
      ['user@host', 'root@engine.example.com'],
      ['a path', 'engine.example.com/x'],
      ['a leading dash (ssh option injection)', '-oProxyCommand=id'],
      ['a trailing dash in a label', 'engine-.example.com'],
      ['an empty label', 'engine..example.com'],
      ['a trailing dot', 'engine.example.com.'],
      ['an underscore', 'my_engine'],
      ['a 64-character label', `${'a'.repeat(64)}.example`],
      ['a name over 253 characters', Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')],
      ['a NUL', 'engine\0.example.com'],
      ['a newline', 'engine\n.example.com'],
      ['an IPv6 address with a port', '[::1]:2376'],
      ['non-ASCII', 'ëngine.example'],
    ])('rejects %s', (_label, input) => {
      expect(networkHostSchema.safeParse(input).success).toBe(false);
    });

    it('says what it expects', () => {
      expect(localizeText(networkHostSchema.safeParse('a b').error!.issues[0].message, 'en')).toBe('Use a host name or an IP address.');
    });
  });

  describe('ports', () => {
    it.each([
      ['0', 0],
      ['65536', 65536],
      ['-1', -1],
      ['abc', 'abc'],
      ['1.5', 1.5],
      ['an empty string', ''],
    ])('rejects %s', (_label, port) => {
      expect(tcpHostSchema.safeParse({ ...tcpInput, port }).success).toBe(false);
      expect(sshHostSchema.safeParse({ ...sshInput, port }).success).toBe(false);
    });

    it('says a non-number is not a number and out-of-range is out of range', () => {
      expect(messagesFor(tcpHostSchema.safeParse({ ...tcpInput, port: 'abc' }), 'port')).toEqual(['A port is a number.']);
      expect(messagesFor(tcpHostSchema.safeParse({ ...tcpInput, port: 65536 }), 'port')).toEqual(['Ports run from 1 to 65535.']);
    });

    it('accepts 1 and 65535', () => {
      expect(tcpHostSchema.parse({ ...tcpInput, port: 1 }).port).toBe(1);
      expect(tcpHostSchema.parse({ ...tcpInput, port: '65535' }).port).toBe(65535);
    });

    it('defaults to 2376 for tcp and 22 for ssh', () => {
      expect(tcpHostSchema.parse(tcpInput).port).toBe(2376);
      expect(sshHostSchema.parse(sshInput).port).toBe(22);
    });
  });

  describe('PEM size limits', () => {
    it.each(['ca', 'cert', 'key'] as const)('rejects a %s over 16384 characters and accepts exactly 16384', (field) => {
      expect(messagesFor(tcpHostSchema.safeParse({ ...tcpInput, [field]: 'x'.repeat(16_385) }), field)[0]).toMatch(/too long/);
      expect(tcpHostSchema.safeParse({ ...tcpInput, [field]: 'x'.repeat(16_384) }).success).toBe(true);
    });

    it('rejects an SSH private key over 16384 characters', () => {
      expect(sshHostSchema.safeParse({ ...sshInput, privateKey: 'x'.repeat(16_385) }).success).toBe(false);
    });

    it('measures after trimming', () => {
      expect(tcpHostSchema.safeParse({ ...tcpInput, ca: `\n${'x'.repeat(16_384)}\n` }).success).toBe(true);
    });

    it('rejects a passphrase over 1024 characters', () => {
      expect(sshHostSchema.safeParse({ ...sshInput, passphrase: 'p'.repeat(1025) }).success).toBe(false);
      expect(sshHostSchema.safeParse({ ...sshInput, passphrase: 'p'.repeat(1024) }).success).toBe(true);
    });
  });

  describe('ssh username', () => {
    it.each(['root', 'deploy', '_svc', 'ci.runner-1', 'x'.repeat(32)])('accepts %s', (username) => {
      expect(sshHostSchema.parse({ ...sshInput, username }).username).toBe(username);
    });

    it.each(['', '-oProxyCommand=id', '1abc', 'a b', 'root;id', 'root@host', '$(id)', 'x'.repeat(33), 'ünïcode'])('rejects %s', (username) => {
      expect(sshHostSchema.safeParse({ ...sshInput, username }).success).toBe(false);
    });
  });

  describe('updateHostSchema', () => {
    it('allows blank secret fields for tcp, meaning "keep what is stored"', () => {
      const parsed = updateHostSchema.parse({ ...tcpInput, id: HOST_ID, ca: '', cert: '  ', key: undefined });
      expect(parsed).toMatchObject({ transport: 'tcp', id: HOST_ID, ca: '', cert: '', key: '' });
    });

    it('allows a blank SSH private key and defaults trustNewHostKey to false', () => {
      const parsed = updateHostSchema.parse({ ...sshInput, id: HOST_ID, privateKey: '' });
      expect(parsed).toMatchObject({ transport: 'ssh', privateKey: '', passphrase: '', trustNewHostKey: false });
    });

    it('keeps trustNewHostKey when given', () => {
      expect(updateHostSchema.parse({ ...sshInput, id: HOST_ID, trustNewHostKey: true })).toMatchObject({ trustNewHostKey: true });
      expect(updateHostSchema.safeParse({ ...sshInput, id: HOST_ID, trustNewHostKey: 'yes' }).success).toBe(false);
    });

    it('still limits secret fields to 16384 characters', () => {
      expect(updateHostSchema.safeParse({ ...tcpInput, id: HOST_ID, ca: 'x'.repeat(16_385) }).success).toBe(false);
      expect(updateHostSchema.safeParse({ ...sshInput, id: HOST_ID, privateKey: 'x'.repeat(16_385) }).success).toBe(false);
    });

    it('validates the non-secret fields as registration does', () => {
      expect(updateHostSchema.safeParse({ ...tcpInput, id: HOST_ID, host: '$(id)' }).success).toBe(false);
      expect(updateHostSchema.safeParse({ ...unixInput, id: HOST_ID, socketPath: 'relative.sock' }).success).toBe(false);
      expect(updateHostSchema.parse({ ...unixInput, id: HOST_ID, socketPath: '/var/run/../run/docker.sock' })).toMatchObject({ socketPath: '/var/run/docker.sock' });
    });

    it('requires a well-formed id', () => {
      for (const id of [undefined, '', 'short', 'UPPERCASE123', 'has-dash-12345', 'x'.repeat(41), '../../etc/passwd']) {
        expect(updateHostSchema.safeParse({ ...tcpInput, id }).success, String(id)).toBe(false);
      }
    });
  });

  describe('hostIdSchema and removeHostSchema', () => {
    it('accepts 10 to 40 lower-case letters and digits', () => {
      expect(hostIdSchema.parse('a'.repeat(10))).toBe('a'.repeat(10));
      expect(hostIdSchema.parse('0'.repeat(40))).toBe('0'.repeat(40));
      expect(hostIdSchema.safeParse('a'.repeat(9)).success).toBe(false);
      expect(hostIdSchema.safeParse('a'.repeat(41)).success).toBe(false);
    });

    it('limits the confirmation name to 100 characters', () => {
      expect(removeHostSchema.safeParse({ id: HOST_ID, confirmName: 'x'.repeat(100) }).success).toBe(true);
      expect(removeHostSchema.safeParse({ id: HOST_ID, confirmName: 'x'.repeat(101) }).success).toBe(false);
    });
  });
});
