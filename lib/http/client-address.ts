// Which address a request comes from. The socket's peer, unless that peer is a proxy the
// administrator listed in WHARF_TRUSTED_PROXIES: then the X-Forwarded-For entries are read from
// the right (the nearest hop first), skipping listed proxies, and the first other address is the
// client. A client cannot choose its address by sending the header itself: entries left of the
// first untrusted hop are never read, and without a listed proxy the header is ignored. Pure.
import 'server-only';
import type { IncomingMessage } from 'node:http';
import { inCidr, parseCidr, parseIp } from '@/lib/models/net/ip-address.ts';

export type TrustedProxies = (address: string) => boolean;

/** Reads WHARF_TRUSTED_PROXIES' list (addresses or ranges); throws naming an entry that is neither. */
export function trustedProxies(list: readonly string[]): TrustedProxies {
  const ranges = list.map((entry) => {
    const range = parseCidr(entry);
    if (!range) throw new Error(`"${entry}" is not an IP address or range (such as 10.0.0.5 or 10.0.0.0/24)`);
    return range;
  });
  return (address) => {
    const ip = parseIp(address);
    return !!ip && ranges.some((range) => inCidr(ip, range));
  };
}

export const NO_PROXIES: TrustedProxies = () => false;

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, isTrusted: TrustedProxies): string {
  let client = socketAddress ?? '';
  if (!client || !isTrusted(client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((hop) => hop.trim()).filter(Boolean);
  for (const hop of hops.reverse()) {
    const ip = parseIp(hop);
    if (!ip) return client; // a malformed entry: nothing beyond it can be believed
    client = hop.replace(/^\[(.*)\]$/, '$1');
    if (!isTrusted(client)) return client;
  }
  return client;
}

/** The header carrying the client's address to Next.js code (lib/auth/next/request-info.ts reads it). */
export const CLIENT_IP_HEADER = 'x-wharf-client-ip';

/**
 * Makes the headers the console believes its own, never the client's: the client's address (above),
 * and the forwarded host and protocol next-auth builds URLs from. Returns the client's address.
 */
export function pinClientHeaders(req: IncomingMessage, proxies: TrustedProxies): string {
  const client = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], proxies);
  req.headers[CLIENT_IP_HEADER] = client;
  req.headers['x-forwarded-host'] = req.headers.host ?? '';
  req.headers['x-forwarded-proto'] = 'http';
  return client;
}
