// Turns the many ways an engine connection fails into one sentence that says what happened
// and what to check, plus the form field it concerns. Pure.
import 'server-only';
import { UNTRUSTED_SERVER_CERTIFICATE_CODES } from '@/lib/models/net/tls-codes.ts';
import { DialStdioFailed, SshHostKeyMismatch } from './ssh-dial-agent.ts';
import type { Transport } from '../../models/hosts/connection-spec.ts';

export type ConnectionProblem = { message: string; field?: string; reason: string };

export class EngineTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'EngineTimeout';
  }
}

export class NotAnEngine extends Error {
  constructor(readonly detail: string) {
    super(`not a Docker engine: ${detail}`);
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
    return { field: addressField, reason: 'timeout', message: `No answer from ${at} within ${Math.round(error.ms / 1000)} s. Check the address and port, that the engine is running, and any firewall in between.` };
  }
  if (error instanceof NotAnEngine) {
    return { field: addressField, reason: 'not-docker', message: `Something answered at ${at}, but it is not a Docker engine (${error.detail}).` };
  }
  if (error instanceof SshHostKeyMismatch) {
    return { field: 'host', reason: 'ssh-host-key', message: `The SSH host key of ${at} has changed (expected ${error.expected}, got ${error.actual}). If the machine was rebuilt, edit the host to trust the new key; otherwise someone may be intercepting the connection.` };
  }
  if (error instanceof DialStdioFailed) {
    return { field: 'username', reason: 'dial-stdio', message: `Signed in over SSH, but "docker system dial-stdio" failed on ${at}: ${error.detail.slice(0, 200)}. Check that Docker is installed there and that this user may use it.` };
  }

  // TLS: the server's certificate
  if (UNTRUSTED_SERVER_CERTIFICATE_CODES.has(code)) {
    return { field: 'ca', reason: 'tls-untrusted-server', message: `The engine's certificate is not signed by the CA certificate you gave. Use the CA that signed ${at}'s certificate.` };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return { field: 'host', reason: 'tls-wrong-name', message: `The engine's certificate is not issued for "${at.replace(/:\d+$/, '')}". Connect with a name or address the certificate lists, or reissue it.` };
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return { field: 'ca', reason: 'tls-server-expired', message: `The certificate of the engine at ${at} has expired. Renew the engine's certificate.` };
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return { field: 'ca', reason: 'tls-server-not-yet-valid', message: `The certificate of the engine at ${at} is not valid yet. Check the clocks of both machines.` };
  }
  // TLS: our client certificate, refused by the engine
  if (/alert (bad certificate|unknown ca|certificate required|certificate unknown|decrypt error|handshake failure)|sslv3 alert/.test(text)) {
    return { field: 'cert', reason: 'tls-client-refused', message: `The engine at ${at} refused the client certificate: it is not signed by a CA the engine trusts (its --tlscacert).` };
  }
  if (/wrong version number|packet length too long|http request/.test(text) || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return { field: 'port', reason: 'tls-not-tls', message: `${at} does not speak TLS. Is that the plain-HTTP port (2375)? Wharf only connects over TCP with TLS (usually port 2376).` };
  }

  // SSH
  if (/all configured authentication methods failed/.test(text)) {
    return { field: 'privateKey', reason: 'ssh-auth', message: `The SSH server at ${at} refused this key. Check the user name and that the key's public half is in that user's authorized_keys.` };
  }
  // ssh2 words passphrase problems as "Cannot parse privateKey: … passphrase …": check them first.
  if (/passphrase/.test(text)) {
    return { field: 'passphrase', reason: 'ssh-passphrase', message: 'The private key is protected by a passphrase: give the right passphrase.' };
  }
  if (/cannot parse privatekey|unsupported key format|malformed/.test(text)) {
    return { field: 'privateKey', reason: 'ssh-key-format', message: 'This is not a private key Wharf can read. Paste an OpenSSH or PEM private key.' };
  }
  if (/timed out while waiting for handshake/.test(text)) {
    return { field: 'host', reason: 'timeout', message: `The SSH server at ${at} did not complete a handshake in time. Check the address and port.` };
  }

  // Sockets and networks
  switch (code) {
    case 'ENOENT':
      return where.transport === 'unix'
        ? { field: 'socketPath', reason: 'no-socket', message: `There is no socket at ${at}. Check the path; the engine may not be running.` }
        : { field: 'host', reason: 'not-found', message: `Could not reach ${at}: something it needs was not found (${code}).` };
    case 'EACCES':
    case 'EPERM':
      return where.transport === 'unix'
        ? { field: 'socketPath', reason: 'permission', message: `Wharf is not allowed to open ${at} (permission denied). Run Wharf as a user in the socket's group.` }
        : { field: 'host', reason: 'permission', message: `This machine does not allow Wharf to connect to ${at} (permission denied). Check local firewall rules.` };
    case 'ENOTSOCK':
      return { field: 'socketPath', reason: 'not-socket', message: `${at} is not a socket.` };
    case 'ECONNREFUSED':
      return where.transport === 'unix'
        ? { field: 'socketPath', reason: 'refused', message: `Nothing is accepting connections on ${at}. The engine that made it is probably stopped.` }
        : { field: 'host', reason: 'refused', message: `Nothing is listening on ${at} (connection refused). Is the engine running and listening on that port?` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { field: 'host', reason: 'dns', message: `The name in ${at} does not resolve. Check the spelling or use an IP address.` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { field: 'host', reason: 'unreachable', message: `There is no route to ${at}. Check the address and the network.` };
    case 'ETIMEDOUT':
      return { field: addressField, reason: 'timeout', message: `Connecting to ${at} timed out. Check the address, the port and any firewall.` };
    case 'ECONNRESET':
    case 'EPIPE':
      return where.transport === 'tcp'
        ? { field: 'cert', reason: 'reset', message: `${at} closed the connection during the handshake. Usually the engine refused the client certificate, or the port is not a Docker TLS port.` }
        : { field: addressField, reason: 'reset', message: `The engine at ${at} closed the connection unexpectedly: it may have stopped or restarted.` };
  }
  if (e.statusCode && e.statusCode >= 400) {
    return { field: addressField, reason: 'http', message: `The engine at ${at} answered with HTTP ${e.statusCode}.` };
  }
  return { field: addressField, reason: 'unknown', message: `Could not talk to the engine at ${at}: ${describe(error).slice(0, 200)}` };
}
