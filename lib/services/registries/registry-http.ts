// One HTTP exchange with a registry (or its token realm), for the registry client. Every connection
// is judged by the address its name resolves to, as engine connections are: never a cloud metadata
// service, a link-local or an unspecified address, however the name is spelled, and the socket goes
// to the address that was judged. Redirects are followed a few times; one to another origin never
// carries the Authorization header (case 20), and only http(s) is followed. Bodies are capped.
import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { DEFAULT_LOCALE } from '@/lib/i18n/locales.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { refusedAddress } from '@/lib/services/hosts/connection-target.ts';

export type RegistryHttpAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer; url: URL };

export type RegistryHttpRequest = {
  method?: 'GET' | 'HEAD' | 'PUT' | 'DELETE' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer;
  /** A PEM CA trusted besides the system's (for this registry's TLS). */
  ca?: string | null;
  maxBytes?: number;
  timeoutMs?: number;
};

/** Refused because of where a name leads; the message says which address and why. */
export class RefusedAddressError extends Error {
  readonly code = 'WHARF_REFUSED_ADDRESS';
  constructor(readonly said: Message) {
    super(renderMessage(said, DEFAULT_LOCALE));
  }
}

const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
export const REGISTRY_TIMEOUT_MS = 15_000;

const refusal = (host: string, address: string, reason: Message) =>
  new RefusedAddressError(msg('registries.errors.refusedAddress', { where: address === host ? msg('hosts.errors.refusedAddress', { address, reason }) : msg('hosts.errors.refusedName', { name: host, address, reason }) }));

/** dns.lookup that refuses a name when any address it resolves to is refused (notification channels connect through it too). */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    for (const a of addresses) {
      const why = refusedAddress(a.address);
      if (why) return callback(refusal(hostname, a.address, why), '', 4);
    }
    if (!addresses.length) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/** The refusal of a host that is a refused IP address, bracketed or not (a literal address is never looked up). */
export function refusedHost(hostname: string): RefusedAddressError | null {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const why = isIP(host) ? refusedAddress(host) : null;
  return why ? refusal(host, host, why) : null;
}

/** The refusal of a URL whose host is a refused IP address. */
export const refusedLiteral = (url: URL): RefusedAddressError | null => refusedHost(url.hostname);

function once(req: RegistryHttpRequest, url: URL, headers: Record<string, string>): Promise<RegistryHttpAnswer> {
  const refused = refusedLiteral(url);
  if (refused) return Promise.reject(refused);
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = req.timeoutMs ?? REGISTRY_TIMEOUT_MS;
  const secure = url.protocol === 'https:';
  const options: https.RequestOptions = {
    method: req.method ?? 'GET',
    headers: { 'User-Agent': 'Wharf', ...headers, ...(req.body ? { 'Content-Length': String(req.body.length) } : {}) },
    lookup: guardedLookup,
    agent: false,
    ...(secure && req.ca ? { ca: [...rootCertificates, req.ca] } : {}),
  };
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy(new Error(`The registry's answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB.`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }));
    });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end(req.body);
  });
}

/**
 * Sends the request, following redirects (301, 302, 303, 307, 308) to http(s) only. The
 * Authorization header goes only to the origin it was meant for: a redirect elsewhere is followed
 * without it.
 */
export async function registryHttp(req: RegistryHttpRequest): Promise<RegistryHttpAnswer> {
  const origin = req.url.origin;
  let url = req.url;
  let headers = { ...(req.headers ?? {}) };
  for (let hop = 0; ; hop++) {
    const answer = await once(req, url, headers);
    const location = answer.headers.location;
    if (![301, 302, 303, 307, 308].includes(answer.status) || !location) return answer;
    if (hop >= MAX_REDIRECTS) throw new Error(`The registry redirected more than ${MAX_REDIRECTS} times.`);
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new RefusedAddressError(msg('registries.errors.redirectProtocol', { protocol: next.protocol }));
    if (next.origin !== origin) {
      const { Authorization: _dropped, authorization: _dropped2, ...rest } = headers;
      headers = rest;
    }
    url = next;
  }
}
