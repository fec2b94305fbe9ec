// Directory failures as one sentence each, on the settings field they concern: a provider or
// server that does not answer, an untrusted certificate, a refused bind, a base that does not
// exist. Pure (reads only the error's code, name and message).
import 'server-only';

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

/** A transport failure reaching `where` (host:port), or null when it is not one. */
export function explainTransport(error: unknown, where: string, timeoutSeconds: number): string | null {
  const cause = rootCause(error);
  const code = typeof cause.code === 'string' ? cause.code : '';
  const name = typeof cause.name === 'string' ? cause.name : '';
  if (code === 'ECONNREFUSED') return `Nothing answers at ${where}: the server is down, or the address or port is wrong.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The name in ${where} does not resolve from the console's machine.`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${where} cannot be reached from the console's machine (no route).`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `${where} closed the connection (is this the right port and protocol?).`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || name === 'TimeoutError' || name === 'AbortError' || /timed? ?out|timeout/i.test(String(cause.message ?? '')))
    return `${where} did not answer within ${timeoutSeconds} s.`;
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))
    return `The TLS certificate of ${where} is not trusted (${code}): give the CA that signed it, or check the host name in the URL.`;
  return null;
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
