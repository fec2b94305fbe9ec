import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { EngineTimeout, NotAnEngine, explainConnectionError as explainSaid } from '@/lib/services/engine/explain-connection-error.ts';
import { DialStdioFailed, SshHostKeyMismatch } from '@/lib/services/engine/ssh-dial-agent.ts';
import type { Transport } from '@/lib/models/hosts/connection-spec.ts';

/** The problem as an English reader sees it (the sentence rendered in English). */
function explainConnectionError(error: unknown, where: Parameters<typeof explainSaid>[1]) {
  const { said, ...rest } = explainSaid(error, where);
  return { ...rest, message: renderMessage(said, 'en') };
}

const UNIX = { transport: 'unix' as const, address: '/var/run/docker.sock' };
const TCP = { transport: 'tcp' as const, address: 'engine.example:2376' };
const SSH = { transport: 'ssh' as const, address: 'deploy@engine.example:22' };
const WHERE: Record<Transport, { transport: Transport; address: string }> = { unix: UNIX, tcp: TCP, ssh: SSH };

/** An error as node's net/tls/dns modules make them: an Error with a code. */
const coded = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

describe('explainConnectionError', () => {
  describe('Wharf\'s own errors', () => {
    it.each(['unix', 'tcp', 'ssh'] as const)('EngineTimeout on %s: reason timeout, seconds, the address field', (transport) => {
      const where = WHERE[transport];
      const problem = explainConnectionError(new EngineTimeout(5000), where);
      expect(problem.reason).toBe('timeout');
      expect(problem.field).toBe(transport === 'unix' ? 'socketPath' : 'host');
      expect(problem.message).toContain(where.address);
      expect(problem.message).toContain('5 s');
    });

    it('NotAnEngine: reason not-docker, with the detail and the address', () => {
      const problem = explainConnectionError(new NotAnEngine('HTTP 404 from /version'), TCP);
      expect(problem).toMatchObject({ reason: 'not-docker', field: 'host' });
      expect(problem.message).toContain('engine.example:2376');
      expect(problem.message).toContain('HTTP 404 from /version');
      expect(explainConnectionError(new NotAnEngine('x'), UNIX).field).toBe('socketPath');
    });

    it('SshHostKeyMismatch: reason ssh-host-key on host, with both fingerprints', () => {
      const problem = explainConnectionError(new SshHostKeyMismatch('SHA256:expectedAAA', 'SHA256:actualBBB'), SSH);
      expect(problem).toMatchObject({ reason: 'ssh-host-key', field: 'host' });
      expect(problem.message).toContain('deploy@engine.example:22');
      expect(problem.message).toContain('SHA256:expectedAAA');
      expect(problem.message).toContain('SHA256:actualBBB');
    });

    it('DialStdioFailed: reason dial-stdio on username, with the detail cut to 200 characters', () => {
      const problem = explainConnectionError(new DialStdioFailed('permission denied while trying to connect to the Docker daemon socket'), SSH);
      expect(problem).toMatchObject({ reason: 'dial-stdio', field: 'username' });
      expect(problem.message).toContain('deploy@engine.example:22');
      expect(problem.message).toContain('permission denied while trying to connect');

      const long = explainConnectionError(new DialStdioFailed(`${'a'.repeat(200)}TAIL`), SSH);
      expect(long.message).toContain('a'.repeat(200));
      expect(long.message).not.toContain('TAIL');
    });
  });

  describe('TLS', () => {
    it.each([
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'CERT_SIGNATURE_FAILURE',
    ])('%s: the engine is not trusted by the given CA (field ca)', (code) => {
      const problem = explainConnectionError(coded(code, 'unable to verify the first certificate'), TCP);
      expect(problem).toMatchObject({ field: 'ca', reason: 'tls-untrusted-server' });
      expect(problem.message).toContain('engine.example:2376');
    });

    it('ERR_TLS_CERT_ALTNAME_INVALID: wrong name (field host), naming the host without the port', () => {
      const problem = explainConnectionError(coded('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), TCP);
      expect(problem).toMatchObject({ field: 'host', reason: 'tls-wrong-name' });
      expect(problem.message).toContain('"engine.example"');
      expect(problem.message).not.toContain(':2376');
    });

    it('ERR_TLS_CERT_ALTNAME_INVALID for a bracketed IPv6 address keeps the address whole', () => {
      const problem = explainConnectionError(coded('ERR_TLS_CERT_ALTNAME_INVALID'), { transport: 'tcp', address: '[2001:db8::1]:2376' });
      expect(problem.message).toContain('"[2001:db8::1]"');
    });

    it('CERT_HAS_EXPIRED: the engine certificate expired (field ca)', () => {
      const problem = explainConnectionError(coded('CERT_HAS_EXPIRED', 'certificate has expired'), TCP);
      expect(problem).toMatchObject({ field: 'ca', reason: 'tls-server-expired' });
      expect(problem.message).toMatch(/expired/);
    });

    it('CERT_NOT_YET_VALID: the engine certificate is not valid yet (field ca)', () => {
      const problem = explainConnectionError(coded('CERT_NOT_YET_VALID', 'certificate is not yet valid'), TCP);
      expect(problem).toMatchObject({ field: 'ca', reason: 'tls-server-not-yet-valid' });
      expect(problem.message).toMatch(/clocks/);
    });

    it.each([
      'alert bad certificate',
      'alert unknown ca',
      'alert certificate required',
      'alert certificate unknown',
      'alert decrypt error',
      'alert handshake failure',
    ])('"%s" in the message: the engine refused our client certificate (field cert)', (alert) => {
      const error = coded('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', `C0D7:error:0A000412:SSL routines:ssl3_read_bytes:tlsv13 ${alert}:../deps/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 42`);
      const problem = explainConnectionError(error, TCP);
      expect(problem).toMatchObject({ field: 'cert', reason: 'tls-client-refused' });
      expect(problem.message).toMatch(/client certificate/);
    });

    // With several hosts being tested or watched, a message that does not say which engine is
    // useless in logs and toasts.
    it('names the engine address in the expired, not-yet-valid and client-refused messages', () => {
      const errors = {
        expired: coded('CERT_HAS_EXPIRED', 'certificate has expired'),
        notYetValid: coded('CERT_NOT_YET_VALID', 'certificate is not yet valid'),
        clientRefused: coded('EPROTO', 'ssl3_read_bytes:sslv3 alert bad certificate'),
      };
      for (const [label, error] of Object.entries(errors)) {
        expect(explainConnectionError(error, TCP).message, label).toContain('engine.example:2376');
      }
    });

    it('matches the TLS alert case-insensitively and in the reason property too', () => {
      expect(explainConnectionError({ message: 'SSL ALERT BAD CERTIFICATE' }, TCP).field).toBe('cert');
      expect(explainConnectionError({ message: 'handshake', reason: 'sslv3 alert bad certificate' }, TCP).field).toBe('cert');
    });

    it.each([
      ['wrong version number', coded('EPROTO', 'C0D7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number')],
      ['packet length too long', coded('EPROTO', 'SSL routines:ssl3_get_record:packet length too long')],
      ['http request', coded('EPROTO', 'SSL routines:ssl3_get_record:http request')],
      ['ERR_SSL_WRONG_VERSION_NUMBER code', coded('ERR_SSL_WRONG_VERSION_NUMBER', 'handshake failed')],
    ])('%s: the port does not speak TLS (field port)', (_label, error) => {
      const problem = explainConnectionError(error, TCP);
      expect(problem).toMatchObject({ field: 'port', reason: 'tls-not-tls' });
      expect(problem.message).toContain('engine.example:2376');
      expect(problem.message).toContain('2375');
    });
  });

  describe('SSH', () => {
    it('authentication failure: the key was refused (field privateKey)', () => {
      const problem = explainConnectionError(new Error('All configured authentication methods failed'), SSH);
      expect(problem).toMatchObject({ field: 'privateKey', reason: 'ssh-auth' });
      expect(problem.message).toContain('deploy@engine.example:22');
      expect(problem.message).toContain('authorized_keys');
    });

    it.each([
      'Cannot parse privateKey: Unsupported key format',
      'Cannot parse privateKey: Malformed OpenSSH private key',
      'Unsupported key format',
    ])('"%s": the key cannot be read (field privateKey)', (message) => {
      expect(explainConnectionError(new Error(message), SSH)).toMatchObject({ field: 'privateKey', reason: 'ssh-key-format' });
    });

    it('a passphrase problem reported without the ssh2 prefix lands on the passphrase field', () => {
      expect(explainConnectionError(new Error('Encrypted PPK private key detected, but no passphrase given'), SSH)).toMatchObject({ field: 'passphrase', reason: 'ssh-passphrase' });
    });

    // ssh2's Client.connect wraps key parse errors as `Cannot parse privateKey: ${parseError}`
    // (node_modules/ssh2/lib/client.js), so these are the messages Wharf actually receives.
    it('ssh2\'s real passphrase errors ("Cannot parse privateKey: …passphrase…") land on the passphrase field, not "not a private key"', () => {
      for (const message of [
        'Cannot parse privateKey: Encrypted private OpenSSH key detected, but no passphrase given',
        'Cannot parse privateKey: Encrypted OpenSSH private key detected, but no passphrase given',
        'Cannot parse privateKey: OpenSSH key integrity check failed -- bad passphrase?',
      ]) {
        expect(explainConnectionError(new Error(message), SSH), message).toMatchObject({ field: 'passphrase', reason: 'ssh-passphrase' });
      }
    });

    it('handshake timeout: field host, naming the address', () => {
      const problem = explainConnectionError(new Error('Timed out while waiting for handshake'), SSH);
      expect(problem).toMatchObject({ field: 'host', reason: 'timeout' });
      expect(problem.message).toContain('deploy@engine.example:22');
    });
  });

  describe('socket and network errors', () => {
    it('ENOENT on a unix socket: no socket (field socketPath)', () => {
      const problem = explainConnectionError(coded('ENOENT', 'connect ENOENT /var/run/docker.sock'), UNIX);
      expect(problem).toMatchObject({ field: 'socketPath', reason: 'no-socket' });
      expect(problem.message).toContain('/var/run/docker.sock');
    });

    it.each(['EACCES', 'EPERM'])('%s on a unix socket: permission denied (field socketPath)', (code) => {
      const problem = explainConnectionError(coded(code), UNIX);
      expect(problem).toMatchObject({ field: 'socketPath', reason: 'permission' });
      expect(problem.message).toContain('/var/run/docker.sock');
    });

    it('ENOTSOCK on a unix path: not a socket (field socketPath)', () => {
      const problem = explainConnectionError(coded('ENOTSOCK'), UNIX);
      expect(problem).toMatchObject({ field: 'socketPath', reason: 'not-socket' });
      expect(problem.message).toContain('/var/run/docker.sock');
    });

    // A TCP or SSH host form has no socketPath field: an error pinned there is shown nowhere.
    it('on tcp and ssh, EACCES, EPERM and ENOENT land on the host field, not socketPath', () => {
      for (const transport of ['tcp', 'ssh'] as const) {
        for (const code of ['EACCES', 'EPERM', 'ENOENT']) {
          const where = WHERE[transport];
          const problem = explainConnectionError(coded(code), where);
          expect(problem.field, `${transport} ${code}`).toBe('host');
          expect(problem.message, `${transport} ${code}`).toContain(where.address);
        }
      }
    });

    it('ECONNREFUSED on a unix socket: stale socket (field socketPath)', () => {
      const problem = explainConnectionError(coded('ECONNREFUSED'), UNIX);
      expect(problem).toMatchObject({ field: 'socketPath', reason: 'refused' });
      expect(problem.message).toContain('/var/run/docker.sock');
      expect(problem.message).toMatch(/stopped/);
    });

    it.each(['tcp', 'ssh'] as const)('ECONNREFUSED on %s: nothing listening (field host)', (transport) => {
      const where = WHERE[transport];
      const problem = explainConnectionError(coded('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:2376'), where);
      expect(problem).toMatchObject({ field: 'host', reason: 'refused' });
      expect(problem.message).toContain(where.address);
      expect(problem.message).toMatch(/connection refused/);
    });

    it.each(['ENOTFOUND', 'EAI_AGAIN'])('%s: the name does not resolve (field host)', (code) => {
      const problem = explainConnectionError(coded(code, `getaddrinfo ${code} engine.example`), TCP);
      expect(problem).toMatchObject({ field: 'host', reason: 'dns' });
      expect(problem.message).toContain('engine.example:2376');
    });

    it.each(['EHOSTUNREACH', 'ENETUNREACH'])('%s: no route (field host)', (code) => {
      const problem = explainConnectionError(coded(code), SSH);
      expect(problem).toMatchObject({ field: 'host', reason: 'unreachable' });
      expect(problem.message).toContain('deploy@engine.example:22');
    });

    it.each(['unix', 'tcp', 'ssh'] as const)('ETIMEDOUT on %s: timed out on the address field', (transport) => {
      const where = WHERE[transport];
      const problem = explainConnectionError(coded('ETIMEDOUT'), where);
      expect(problem).toMatchObject({ field: transport === 'unix' ? 'socketPath' : 'host', reason: 'timeout' });
      expect(problem.message).toContain(where.address);
    });

    it.each(['ECONNRESET', 'EPIPE'])('%s on tcp: probably the client certificate was refused (field cert)', (code) => {
      const problem = explainConnectionError(coded(code, 'socket hang up'), TCP);
      expect(problem).toMatchObject({ field: 'cert', reason: 'reset' });
      expect(problem.message).toContain('engine.example:2376');
    });

    it.each([
      ['unix', 'socketPath'],
      ['ssh', 'host'],
    ] as const)('ECONNRESET on %s: closed unexpectedly (field %s)', (transport, field) => {
      const where = WHERE[transport];
      const problem = explainConnectionError(coded('ECONNRESET'), where);
      expect(problem).toMatchObject({ field, reason: 'reset' });
      expect(problem.message).toContain(where.address);
      expect(problem.message).toMatch(/^The engine at .* closed the connection unexpectedly: it may have stopped or restarted\.$/);
    });
  });

  describe('HTTP status errors', () => {
    it.each([400, 403, 404, 500, 503])('statusCode %i: reason http with the status', (statusCode) => {
      const error = Object.assign(new Error(`(HTTP code ${statusCode}) unexpected`), { statusCode });
      const problem = explainConnectionError(error, TCP);
      expect(problem).toMatchObject({ field: 'host', reason: 'http' });
      expect(problem.message).toContain(`HTTP ${statusCode}`);
      expect(problem.message).toContain('engine.example:2376');
    });

    it('uses the socketPath field for a unix engine', () => {
      expect(explainConnectionError({ statusCode: 500, message: 'server error' }, UNIX)).toMatchObject({ field: 'socketPath', reason: 'http' });
    });

    it.each([0, 200, 304, 399])('statusCode %i is not an HTTP failure', (statusCode) => {
      expect(explainConnectionError({ statusCode, message: 'x' }, TCP).reason).toBe('unknown');
    });
  });

  describe('unknown errors', () => {
    it('quotes the message, cut to 200 characters, naming the address', () => {
      const problem = explainConnectionError(new Error(`${'m'.repeat(200)}CUT`), TCP);
      expect(problem).toMatchObject({ field: 'host', reason: 'unknown' });
      expect(problem.message).toContain('engine.example:2376');
      expect(problem.message).toContain('m'.repeat(200));
      expect(problem.message).not.toContain('CUT');
    });

    it('uses the address field of the transport', () => {
      expect(explainConnectionError(new Error('weird'), UNIX).field).toBe('socketPath');
      expect(explainConnectionError(new Error('weird'), SSH).field).toBe('host');
    });

    it('keeps an unrecognised code unknown', () => {
      expect(explainConnectionError(coded('EWHATEVER', 'odd failure'), TCP)).toMatchObject({ reason: 'unknown' });
    });

    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a string', 'something broke'],
      ['a number', 42],
      ['a boolean', false],
      ['an empty object', {}],
      ['an array', ['x']],
      ['a symbol', Symbol('boom')],
    ])('does not throw for %s, and still names the address', (_label, value) => {
      let problem: ReturnType<typeof explainConnectionError> | undefined;
      expect(() => {
        problem = explainConnectionError(value, TCP);
      }).not.toThrow();
      expect(problem!.reason).toBe('unknown');
      expect(problem!.field).toBe('host');
      expect(problem!.message).toContain('engine.example:2376');
    });

    it('quotes a thrown string', () => {
      expect(explainConnectionError('something broke', TCP).message).toContain('something broke');
    });

    it('does not throw for odd thrown values: a non-string message, a null-prototype object', () => {
      const values: Record<string, unknown> = {
        numericMessage: { message: 42 },
        objectMessage: { message: { text: 'nested' } },
        nullPrototype: Object.create(null),
      };
      for (const [label, value] of Object.entries(values)) {
        expect(() => explainConnectionError(value, TCP), label).not.toThrow();
      }
    });
  });

  describe('precedence', () => {
    it('an SshHostKeyMismatch wins over text that looks like an auth failure', () => {
      const error = new SshHostKeyMismatch('SHA256:a', 'SHA256:b');
      error.message += ' All configured authentication methods failed';
      expect(explainConnectionError(error, SSH).reason).toBe('ssh-host-key');
    });

    it('a TLS code wins over a network code in the text', () => {
      expect(explainConnectionError(coded('CERT_HAS_EXPIRED', 'ECONNRESET'), TCP).reason).toBe('tls-server-expired');
    });
  });
});

describe('explainConnectionError in Chinese', () => {
  it('says what happened in Chinese, keeping the address and the system\'s words', () => {
    const zh = (error: unknown, where: Parameters<typeof explainSaid>[1]) => renderMessage(explainSaid(error, where).said, 'zh-CN');
    expect(zh(coded('ECONNREFUSED'), TCP)).toBe('engine.example:2376 上没有任何程序在监听（连接被拒绝）。引擎是否在运行并监听该端口？');
    expect(zh(new EngineTimeout(5000), UNIX)).toBe('/var/run/docker.sock 在 5 秒内没有应答。请检查地址和端口、引擎是否在运行，以及中间的防火墙。');
    expect(zh(new Error('weird failure'), SSH)).toBe('无法与 deploy@engine.example:22 上的引擎通信：weird failure');
  });
});
