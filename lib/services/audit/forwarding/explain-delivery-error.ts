// Why a destination did not take what was sent, as one sentence for the Audit page: nothing
// listening, a name that does not resolve, no answer, a TLS failure, an HTTP status. Pure.
import 'server-only';
import { UNTRUSTED_SERVER_CERTIFICATE_CODES } from '@/lib/models/net/tls-codes.ts';

/** An HTTP endpoint answered, but not with 2xx. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly statusText: string,
  ) {
    super(`HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** Nothing came back in time. */
export class DeliveryTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeliveryTimeout';
  }
}

const STATUS_HINTS: Record<number, string> = {
  401: 'check the bearer secret',
  403: 'check the bearer secret and what the endpoint allows',
  404: 'check the URL',
  405: 'the endpoint must accept POST',
  413: 'the endpoint refused the batch as too large',
};

export function explainDeliveryError(error: unknown, where: string): string {
  if (error instanceof HttpStatusError) {
    const hint = STATUS_HINTS[error.status] ?? (error.status >= 500 ? 'the endpoint failed; Wharf keeps retrying' : 'the endpoint refused the batch');
    return `${where} answered HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ''}: ${hint}.`;
  }
  if (error instanceof DeliveryTimeout) return `No answer from ${where} within ${Math.round(error.ms / 1000)} s. Check the address, that the receiver runs, and any firewall in between.`;
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  switch (code) {
    case 'WHARF_REFUSED_ADDRESS':
      // The address guard's refusal is a whole sentence naming the address and why.
      return message;
    case 'ECONNREFUSED':
      return `Nothing is listening at ${where} (connection refused). Check the address and port, and that the receiver runs.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The name in ${where} could not be resolved. Check the host name.`;
    case 'ETIMEDOUT':
      return `No answer from ${where} (timed out). Check the address and any firewall in between.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from the console's machine (no route). Check the address.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${where} closed the connection before taking everything. Wharf sends it again.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS failed: the certificate of ${where} is not issued for that name. Use a name the certificate lists.`;
    case 'CERT_HAS_EXPIRED':
      return `TLS failed: the certificate of ${where} has expired.`;
  }
  if (UNTRUSTED_SERVER_CERTIFICATE_CODES.has(code)) return `TLS failed: the certificate of ${where} is not signed by the CA you gave (or a public CA, if you gave none).`;
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /ssl|tls/i.test(message)) {
    return `TLS failed with ${where}: ${message.slice(0, 160) || code}. Check that the receiver speaks TLS on that port.`;
  }
  return `Could not deliver to ${where}: ${(message || code || 'unknown error').slice(0, 200)}.`;
}
