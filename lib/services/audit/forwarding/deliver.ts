// Sends to a destination: octet-counted RFC 5424 frames over TCP (TLS optional, with a custom CA)
// or one JSON batch POSTed to an HTTP endpoint (bearer secret optional). Either resolves once the
// destination took everything, or rejects with the error explain-delivery-error.ts reads.
//
// What "took" means: HTTP, a 2xx answer. Syslog over TCP has no acknowledgement (RFC 6587): a
// batch counts as delivered once it was written and the receiver closed the connection after our
// end (its TCP stack had taken every byte). A receiver that dies after that may lose the batch;
// one that dies before makes the send fail and the batch is sent again (at-least-once).
//
// Every connection goes through the registry address guard (case 20): a destination whose address,
// or any address its name resolves to when sent to, is a metadata, link-local or unspecified address
// is refused before a socket opens, so a name that is re-pointed after it was saved leads nowhere.
import 'server-only';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { LookupFunction } from 'node:net';
import { guardedLookup, refusedHost } from '../../registries/registry-http.ts';
import { DeliveryTimeout, HttpStatusError } from './explain-delivery-error.ts';
import type { ForwardRecord } from './forward-record.ts';

export type SyslogSettings = { host: string; port: number; tls: boolean; ca: string };
export type HttpSettings = { url: string; ca: string };

export type Destination =
  | { kind: 'syslog'; settings: SyslogSettings }
  | { kind: 'http'; settings: HttpSettings; secret: string | null };

export const DELIVERY_TIMEOUT_MS = 15_000;

export function describeWhere(destination: Destination): string {
  if (destination.kind === 'http') return destination.settings.url;
  const { host, port } = destination.settings;
  return `syslog${destination.settings.tls ? '+tls' : ''} ${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function sendSyslog(settings: SyslogSettings, frames: readonly string[], options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const refused = refusedHost(settings.host);
  if (refused) return Promise.reject(refused);
  return new Promise<void>((resolve, reject) => {
    const socket = settings.tls
      ? tls.connect({ host: settings.host, port: settings.port, lookup: guardedLookup, ca: settings.ca || undefined, servername: net.isIP(settings.host) ? undefined : settings.host })
      : net.connect({ host: settings.host, port: settings.port, lookup: guardedLookup });
    let failure: unknown = null;
    const fail = (error: unknown) => {
      failure ??= error;
      socket.destroy();
    };
    const timer = setTimeout(() => fail(new DeliveryTimeout(timeoutMs)), timeoutMs);
    const onAbort = () => fail(options.signal?.reason ?? new Error('stopped'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', fail);
    socket.once(settings.tls ? 'secureConnect' : 'connect', () => {
      socket.end(frames.join(''));
    });
    // The receiver reads until our end, then closes its side: every byte was taken.
    socket.on('data', () => {});
    socket.once('close', () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else if (!socket.writableFinished) reject(Object.assign(new Error('connection closed before everything was sent'), { code: 'ECONNRESET' }));
      else resolve();
    });
  });
}

export type HttpBatch = { source: 'wharf'; chain: string; test?: true; entries: ForwardRecord[] };

/** What an HTTP endpoint answered: its status and the start of its body. */
export type HttpAnswer = { status: number; statusText: string; body: string };

export type PostOptions = {
  /** A PEM CA trusted for https (instead of the system's, as Node's `ca` does). */
  ca?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How the host name is resolved: notification channels pass the registry address guard's lookup. */
  lookup?: LookupFunction;
  /** At most this many bytes of the answer's body are kept. */
  keepBytes?: number;
};

/**
 * POSTs `body` to `url` once and answers what came back, whatever the status. Redirects are not
 * followed: a body (and any secret in its headers or URL) goes only where it was configured to.
 */
export function postBody(url: URL, body: Buffer, headers: Record<string, string | number>, options: PostOptions = {}): Promise<HttpAnswer> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const keepBytes = options.keepBytes ?? 4096;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': body.length },
      signal: options.signal,
      ...(options.lookup ? { lookup: options.lookup, agent: false } : {}),
      ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(() => request.destroy(new DeliveryTimeout(timeoutMs)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept >= keepBytes) return;
        chunks.push(chunk.subarray(0, keepBytes - kept));
        kept += Math.min(chunk.length, keepBytes - kept);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.end(body);
  });
}

export async function postHttp(settings: HttpSettings, secret: string | null, batch: HttpBatch, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const body = Buffer.from(JSON.stringify(batch), 'utf8');
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'User-Agent': 'Wharf audit forwarding' };
  if (secret) headers.Authorization = `Bearer ${secret}`;
  const url = new URL(settings.url);
  const refused = refusedHost(url.hostname);
  if (refused) throw refused;
  const answer = await postBody(url, body, headers, { ...options, ca: settings.ca, lookup: guardedLookup });
  if (answer.status < 200 || answer.status >= 300) throw new HttpStatusError(answer.status, answer.statusText);
}
