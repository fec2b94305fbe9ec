// Which Host headers name this console. A page served from another name (DNS rebinding: a
// name the attacker controls, pointed at this machine) sends its own name as Host, so a request
// whose Host is not one of the console's own cannot be trusted to come from someone who opened
// the console on purpose. First-run setup refuses such requests. Pure.
//
// The console's own names: the host of WHARF_PUBLIC_URL when set; `localhost` and any
// `*.localhost` (browsers resolve those to loopback themselves, never through DNS); this
// machine's host name; and IP addresses that are loopback, the address it listens on, or an
// address of one of this machine's interfaces. The port is not judged: rebinding changes the
// name, never the port.
import { addressKind, canonicalIp } from './ip-address.ts';

export type ConsoleNames = {
  /** The host of WHARF_PUBLIC_URL, if set. */
  publicHost: string | null;
  /** The machine's own names (its host name). */
  hostnames: string[];
  /** The machine's addresses: the one it listens on and those of its interfaces. */
  addresses: string[];
};

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** The host name or address of a Host header, without its port, lowercased; null when malformed. */
export function hostOf(header: string): string | null {
  const text = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return canonicalIp(bracketed[1]) ? bracketed[1] : null;
  const match = /^([^:]+)(?::\d{1,5})?$/.exec(text);
  if (!match) return null;
  const host = match[1].replace(/\.$/, '');
  return NAME.test(host) || canonicalIp(host) ? host : null;
}

const sameName = (a: string, b: string) => a.toLowerCase().replace(/\.$/, '') === b;

export function isOwnHost(header: string | null | undefined, names: ConsoleNames): boolean {
  const host = header ? hostOf(header) : null;
  if (!host) return false;
  if (names.publicHost && sameName(names.publicHost.replace(/^\[|\]$/g, ''), host)) return true;
  const ip = canonicalIp(host);
  if (ip) {
    if (addressKind(host) === 'loopback') return true;
    return names.addresses.some((address) => canonicalIp(address) === ip && addressKind(address) !== 'unspecified');
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return names.hostnames.some((name) => sameName(name, host));
}
