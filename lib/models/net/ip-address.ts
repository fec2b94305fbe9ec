// IP addresses as bytes, and what kind of address one is. Pure: the rules for engine connections
// (which addresses Wharf connects to) and the Host rule of first-run setup (which names are the
// console's own) judge addresses with these, IPv4 hidden inside IPv6 included.

export type Ip = { family: 4 | 6; bytes: number[] };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const parts = match.slice(1).map((part) => (part.length > 1 && part.startsWith('0') ? NaN : Number(part)));
  return parts.every((n) => Number.isInteger(n) && n <= 255) ? parts : null;
}

function parseIpv6(text: string): number[] | null {
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (lastColon >= 0 && body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const bytes = all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** An IPv4 or IPv6 address (brackets and an IPv6 zone such as `%eth0` allowed); null for anything else. */
export function parseIp(text: string): Ip | null {
  const bare = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/%[^%]*$/, '');
  const v4 = parseIpv4(bare);
  if (v4) return { family: 4, bytes: v4 };
  if (!bare.includes(':')) return null;
  const v6 = parseIpv6(bare);
  return v6 ? { family: 6, bytes: v6 } : null;
}

const startsWith = (bytes: number[], prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const zeros = (n: number) => Array<number>(n).fill(0);

/** The IPv4 address an IPv6 address carries and reaches (mapped, compatible, NAT64, 6to4), or null. */
export function embeddedIpv4(ip: Ip): number[] | null {
  if (ip.family === 4) return null;
  const b = ip.bytes;
  if (startsWith(b, [...zeros(10), 0xff, 0xff])) return b.slice(12); // ::ffff:a.b.c.d (mapped)
  if (startsWith(b, [0, 0x64, 0xff, 0x9b, ...zeros(8)])) return b.slice(12); // 64:ff9b::a.b.c.d (NAT64)
  if (startsWith(b, [0x20, 0x02])) return b.slice(2, 6); // 2002:aabb:ccdd::/48 (6to4)
  if (startsWith(b, zeros(12))) {
    // ::a.b.c.d (compatible), but not :: (unspecified) or ::1 (loopback), which are IPv6's own.
    const v4 = b.slice(12);
    return startsWith(v4, [0, 0, 0]) && v4[3] <= 1 ? null : v4;
  }
  return null;
}

/** The address a connection really reaches: an IPv6 address carrying an IPv4 one is that IPv4 address. */
export function effectiveIp(ip: Ip): Ip {
  const v4 = embeddedIpv4(ip);
  return v4 ? { family: 4, bytes: v4 } : ip;
}

/** One spelling per address (IPv4 dotted, IPv6 as eight full groups), for comparing addresses. */
export function canonicalIp(text: string): string | null {
  const ip = parseIp(text);
  if (!ip) return null;
  const { family, bytes } = effectiveIp(ip);
  if (family === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

type Cidr = { family: 4 | 6; bytes: number[]; bits: number };

/** A range such as `10.0.0.0/8` or `fe80::/10` (a bare address is a range of one); null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [address, bitsText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? max : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
  return Number.isInteger(bits) && bits <= max ? { ...ip, bits } : null;
}

export function inCidr(ip: Ip, range: Cidr): boolean {
  const target = effectiveIp(ip);
  if (target.family !== range.family) return false;
  for (let bit = 0; bit < range.bits; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((target.bytes[bit >> 3] & mask) !== (range.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

const ranges = (list: string[]) => list.map((text) => parseCidr(text)!);

/** Cloud metadata services that do not sit in a link-local range (AWS's IPv6 one, Alibaba's). */
const METADATA = ranges(['fd00:ec2::254/128', '100.100.100.200/32']);
const LINK_LOCAL = ranges(['169.254.0.0/16', 'fe80::/10']);
const UNSPECIFIED = ranges(['0.0.0.0/8', '::/128', '255.255.255.255/32']);
const LOOPBACK = ranges(['127.0.0.0/8', '::1/128']);

/**
 * What kind of address this is, judged on the address it really reaches (`::ffff:169.254.169.254`
 * is link-local): `metadata` (a cloud's instance metadata service), `link-local` (where the usual
 * metadata address 169.254.169.254 lives), `unspecified` (0.0.0.0, ::, broadcast: "this machine"),
 * `loopback`, or `other`. Null when the text is not an IP address.
 */
export type AddressKind = 'metadata' | 'link-local' | 'unspecified' | 'loopback' | 'other';

export function addressKind(text: string): AddressKind | null {
  const ip = parseIp(text);
  if (!ip) return null;
  const within = (list: Cidr[]) => list.some((range) => inCidr(ip, range));
  if (within(METADATA)) return 'metadata';
  if (within(LINK_LOCAL)) return 'link-local';
  if (within(UNSPECIFIED)) return 'unspecified';
  if (within(LOOPBACK)) return 'loopback';
  return 'other';
}
