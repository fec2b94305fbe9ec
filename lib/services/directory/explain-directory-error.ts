// Directory failures as one sentence each, on the settings field they concern: a provider or
// server that does not answer, an untrusted certificate, a refused bind, a base that does not
// exist. Pure (reads only the error's code, name and message).
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

export type Explained = { field: string; message: string };

type ErrorLike = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };

const TLS_CODES = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED']);

/** The innermost error with a code (fetch wraps the socket's error in a TypeError's cause). */
function rootCause(error: unknown): ErrorLike {
  let current = error as ErrorLike;
  for (let i = 0; i < 5 && current && typeof current === 'object'; i++) {
    if (typeof current.code === 'string' && current.code !== 'UND_ERR_SOCKET') return current;
    if (!current.cause) break;
    current = current.cause as ErrorLike;
  }
  return (error ?? {}) as ErrorLike;
}

/** A transport failure reaching `where` (host:port), as a message, or null when it is not one. */
export function transportSaid(error: unknown, where: string, timeoutSeconds: number): Message | null {
  const cause = rootCause(error);
  const code = typeof cause.code === 'string' ? cause.code : '';
  const name = typeof cause.name === 'string' ? cause.name : '';
  if (code === 'ECONNREFUSED') return msg('transportText.refused', { where });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return msg('transportText.noName', { where });
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return msg('transportText.noRoute', { where });
  if (code === 'ECONNRESET' || code === 'EPIPE') return msg('transportText.reset', { where });
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || name === 'TimeoutError' || name === 'AbortError' || /timed? ?out|timeout/i.test(String(cause.message ?? '')))
    return msg('transportText.timeout', { where, seconds: timeoutSeconds });
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return msg('transportText.tls', { where, code });
  return null;
}

/** Whether a transport failure is about the TLS certificate (said on the CA field). */
export const isTlsTransport = (said: Message): boolean => said.key === 'transportText.tls';

/** The same in English (the directory's explanations, not yet messages). */
export function explainTransport(error: unknown, where: string, timeoutSeconds: number): string | null {
  const said = transportSaid(error, where, timeoutSeconds);
  return said ? renderMessage(said, 'en') : null;
}

/** An LDAP failure at one step of talking to the server, on the field that step depends on. */
export function explainLdapError(error: unknown, step: 'connect' | 'starttls' | 'bind' | 'search-users' | 'search-groups', where: string, timeoutSeconds: number): Explained {
  const transport = explainTransport(error, where, timeoutSeconds);
  const cause = rootCause(error);
  const name = typeof cause.name === 'string' ? cause.name : '';
  const code = typeof cause.code === 'number' ? cause.code : null;
  if (transport) {
    const field = /TLS certificate/.test(transport) ? 'caCert' : 'url';
    return { field, message: step === 'starttls' && field === 'url' ? `StartTLS with ${where} failed: ${transport}` : transport };
  }
  if (step === 'starttls') return { field: 'startTls', message: `${where} refused StartTLS: turn it off only if the server offers none (then the password crosses the network in clear), or use an ldaps:// URL.` };
  if (name === 'ConfidentialityRequiredError' || code === 13) return { field: 'startTls', message: `${where} requires TLS: turn StartTLS on (or use an ldaps:// URL).` };
  if (step === 'bind') {
    if (name === 'InvalidCredentialsError' || code === 49) return { field: 'bindPassword', message: `${where} refused the bind DN and password (invalid credentials).` };
    if (name === 'InvalidDNSyntaxError' || code === 34) return { field: 'bindDn', message: 'The bind DN is not a valid DN.' };
    return { field: 'bindDn', message: `${where} refused the bind: ${String(cause.message ?? 'no reason given')}.` };
  }
  const field = step === 'search-users' ? 'userBase' : 'groupBase';
  if (name === 'NoSuchObjectError' || code === 32) return { field, message: `${where} has no entry at the ${step === 'search-users' ? 'user' : 'group'} search base.` };
  if (name === 'InsufficientAccessError' || code === 50) return { field, message: `The bind DN may not search the ${step === 'search-users' ? 'user' : 'group'} search base.` };
  if (name === 'FilterParserError' || code === 87 || /filter/i.test(String(cause.message ?? ''))) return { field: step === 'search-users' ? 'userFilter' : 'groupFilter', message: `The ${step === 'search-users' ? 'user' : 'group'} filter is not a valid LDAP filter.` };
  return { field, message: `Searching ${where} failed: ${String(cause.message ?? 'no reason given')}.` };
}
