// Turns the many ways an engine connection fails into one sentence that says what happened
// and what to check, plus the form field it concerns. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { UNTRUSTED_SERVER_CERTIFICATE_CODES } from '@/lib/models/net/tls-codes.ts';
import { DialStdioFailed, SshHostKeyMismatch } from './ssh-dial-agent.ts';
import type { Transport } from '../../models/hosts/connection-spec.ts';

/** `said`: the sentence, in no language yet (rendered by the door that answers). */
export type ConnectionProblem = { said: Message; field?: string; reason: string };


export class EngineTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'EngineTimeout';
  }
}

export class NotAnEngine extends Error {
  /** `detail`: what was seen instead of an engine (a message of ours, or text as it is). */
  constructor(readonly detail: Message | string) {
    super(`not a Docker engine: ${typeof detail === 'string' ? detail : renderMessage(detail)}`);
    this.name = 'NotAnEngine';
  }
}

type ErrorLike = { code?: string; message?: string; reason?: string; level?: string; statusCode?: number; errno?: number };

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A printable form of anything thrown, without ever throwing itself. */
function describe(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null)) {
    const message = asText((error as ErrorLike).message);
    if (message) return message;
  }
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}

export function explainConnectionError(error: unknown, where: { transport: Transport; address: string }): ConnectionProblem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = asText(e.code);
  const text = `${asText(e.message)} ${asText(e.reason)}`.toLowerCase();
  const at = where.address;
  const addressField = where.transport === 'unix' ? 'socketPath' : 'host';

  if (error instanceof EngineTimeout) {
    return { field: addressField, reason: 'timeout', said: msg('engineText.connection.timeout', { at, seconds: Math.round(error.ms / 1000) }) };
  }
  if (error instanceof NotAnEngine) {
    return { field: addressField, reason: 'not-docker', said: msg('engineText.connection.notDocker', { at, detail: error.detail }) };
  }
  if (error instanceof SshHostKeyMismatch) {
    return { field: 'host', reason: 'ssh-host-key', said: msg('engineText.connection.sshHostKey', { at, expected: error.expected, actual: error.actual }) };
  }
  if (error instanceof DialStdioFailed) {
    return { field: 'username', reason: 'dial-stdio', said: msg('engineText.connection.dialStdio', { at, detail: error.detail.slice(0, 200) }) };
  }

  // TLS: the server's certificate
  if (UNTRUSTED_SERVER_CERTIFICATE_CODES.has(code)) {
    return { field: 'ca', reason: 'tls-untrusted-server', said: msg('engineText.connection.tlsUntrustedServer', { at }) };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return { field: 'host', reason: 'tls-wrong-name', said: msg('engineText.connection.tlsWrongName', { name: at.replace(/:\d+$/, '') }) };
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return { field: 'ca', reason: 'tls-server-expired', said: msg('engineText.connection.tlsServerExpired', { at }) };
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return { field: 'ca', reason: 'tls-server-not-yet-valid', said: msg('engineText.connection.tlsServerNotYetValid', { at }) };
  }
  // TLS: our client certificate, refused by the engine
  if (/alert (bad certificate|unknown ca|certificate required|certificate unknown|decrypt error|handshake failure)|sslv3 alert/.test(text)) {
    return { field: 'cert', reason: 'tls-client-refused', said: msg('engineText.connection.tlsClientRefused', { at }) };
  }
  if (/wrong version number|packet length too long|http request/.test(text) || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return { field: 'port', reason: 'tls-not-tls', said: msg('engineText.connection.notTls', { at }) };
  }

  // SSH
  if (/all configured authentication methods failed/.test(text)) {
    return { field: 'privateKey', reason: 'ssh-auth', said: msg('engineText.connection.sshAuth', { at }) };
  }
  // ssh2 words passphrase problems as "Cannot parse privateKey: … passphrase …": check them first.
  if (/passphrase/.test(text)) {
    return { field: 'passphrase', reason: 'ssh-passphrase', said: msg('engineText.connection.sshPassphrase') };
  }
  if (/cannot parse privatekey|unsupported key format|malformed/.test(text)) {
    return { field: 'privateKey', reason: 'ssh-key-format', said: msg('engineText.connection.sshKeyFormat') };
  }
  if (/timed out while waiting for handshake/.test(text)) {
    return { field: 'host', reason: 'timeout', said: msg('engineText.connection.sshHandshake', { at }) };
  }

  // Sockets and networks
  switch (code) {
    case 'ENOENT':
      return where.transport === 'unix'
        ? { field: 'socketPath', reason: 'no-socket', said: msg('engineText.connection.noSocket', { at }) }
        : { field: 'host', reason: 'not-found', said: msg('engineText.connection.notFound', { at, code }) };
    case 'EACCES':
    case 'EPERM':
      return where.transport === 'unix'
        ? { field: 'socketPath', reason: 'permission', said: msg('engineText.connection.socketPermission', { at }) }
        : { field: 'host', reason: 'permission', said: msg('engineText.connection.hostPermission', { at }) };
    case 'ENOTSOCK':
      return { field: 'socketPath', reason: 'not-socket', said: msg('engineText.connection.notSocket', { at }) };
    case 'ECONNREFUSED':
      return where.transport === 'unix'
        ? { field: 'socketPath', reason: 'refused', said: msg('engineText.connection.socketRefused', { at }) }
        : { field: 'host', reason: 'refused', said: msg('engineText.connection.hostRefused', { at }) };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { field: 'host', reason: 'dns', said: msg('engineText.connection.dns', { at }) };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { field: 'host', reason: 'unreachable', said: msg('engineText.connection.unreachable', { at }) };
    case 'ETIMEDOUT':
      return { field: addressField, reason: 'timeout', said: msg('engineText.connection.connectTimeout', { at }) };
    case 'ECONNRESET':
    case 'EPIPE':
      return where.transport === 'tcp'
        ? { field: 'cert', reason: 'reset', said: msg('engineText.connection.tlsReset', { at }) }
        : { field: addressField, reason: 'reset', said: msg('engineText.connection.reset', { at }) };
  }
  if (e.statusCode && e.statusCode >= 400) {
    return { field: addressField, reason: 'http', said: msg('engineText.connection.http', { at, status: String(e.statusCode) }) };
  }
  return { field: addressField, reason: 'unknown', said: msg('engineText.connection.unknown', { at, detail: describe(error).slice(0, 200) }) };
}
