// Directory failures as one sentence each, on the settings field they concern: a provider or
// server that does not answer, an untrusted certificate, a refused bind, a base that does not
// exist. Pure (reads only the error's code, name and message).
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

export type Explained = { field: string; said: Message };

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

/** An LDAP failure at one step of talking to the server, on the field that step depends on. */
export function explainLdapError(error: unknown, step: 'connect' | 'starttls' | 'bind' | 'search-users' | 'search-groups', where: string, timeoutSeconds: number): Explained {
  const transport = transportSaid(error, where, timeoutSeconds);
  const cause = rootCause(error);
  const name = typeof cause.name === 'string' ? cause.name : '';
  const code = typeof cause.code === 'number' ? cause.code : null;
  const detail = typeof cause.message === 'string' && cause.message ? cause.message : msg('directoryText.ldap.noReason');
  if (transport) {
    const field = isTlsTransport(transport) ? 'caCert' : 'url';
    return { field, said: step === 'starttls' && field === 'url' ? msg('directoryText.ldap.startTlsFailed', { where, why: transport }) : transport };
  }
  if (step === 'starttls') return { field: 'startTls', said: msg('directoryText.ldap.startTlsRefused', { where }) };
  if (name === 'ConfidentialityRequiredError' || code === 13) return { field: 'startTls', said: msg('directoryText.ldap.tlsRequired', { where }) };
  if (step === 'bind') {
    if (name === 'InvalidCredentialsError' || code === 49) return { field: 'bindPassword', said: msg('directoryText.ldap.badCredentials', { where }) };
    if (name === 'InvalidDNSyntaxError' || code === 34) return { field: 'bindDn', said: msg('directoryText.ldap.badBindDn') };
    return { field: 'bindDn', said: msg('directoryText.ldap.bindRefused', { where, detail }) };
  }
  const users = step === 'search-users';
  const field = users ? 'userBase' : 'groupBase';
  if (name === 'NoSuchObjectError' || code === 32) return { field, said: msg(users ? 'directoryText.ldap.noUserBase' : 'directoryText.ldap.noGroupBase', { where }) };
  if (name === 'InsufficientAccessError' || code === 50) return { field, said: msg(users ? 'directoryText.ldap.userBaseForbidden' : 'directoryText.ldap.groupBaseForbidden') };
  if (name === 'FilterParserError' || code === 87 || /filter/i.test(String(cause.message ?? ''))) return { field: users ? 'userFilter' : 'groupFilter', said: msg(users ? 'directoryText.ldap.badUserFilter' : 'directoryText.ldap.badGroupFilter') };
  return { field, said: msg('directoryText.ldap.searchFailed', { where, detail }) };
}
