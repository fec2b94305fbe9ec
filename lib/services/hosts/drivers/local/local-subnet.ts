// Addressing for local machines (pure): the private IPv4 range they share (WHARF_LOCAL_SUBNET,
// default 10.213.0.0/24), the bridge's address (the first one) and the lowest free address for
// a new machine.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';

export const DEFAULT_LOCAL_SUBNET = '10.213.0.0/24';
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 28;

export interface LocalSubnet {
  /** Normalised "a.b.c.d/n". */
  cidr: string;
  /** The range's first address as a 32-bit number. */
  network: number;
  prefix: number;
  /** The bridge's address (network + 1). */
  gateway: string;
  /** First and last address a machine may get (network + 2 … broadcast - 1), as numbers. */
  first: number;
  last: number;
}

const PRIVATE_RANGES: Array<[string, number]> = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
];

/** "a.b.c.d" as a 32-bit number, or null when it is not a plain dotted IPv4 address. */
export function ipv4ToNumber(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  let n = 0;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return null; // 010 would be octal to some tools
    const v = Number(part);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

const maskSize = (prefix: number) => 2 ** (32 - prefix);

function inRange(n: number, network: number, prefix: number): boolean {
  return n >= network && n < network + maskSize(prefix);
}

function invalid(text: string, why: Message): AppError {
  return new AppError(
    'PRECONDITION',
    msg('driverText.local.badSubnet', { text, why, min: MIN_PREFIX, max: MAX_PREFIX, example: DEFAULT_LOCAL_SUBNET }),
  );
}

/** Parses and checks a subnet for local machines; throws AppError('PRECONDITION') saying what is wrong. */
export function parseLocalSubnet(text: string): LocalSubnet {
  const trimmed = text.trim();
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(trimmed);
  const network = m ? ipv4ToNumber(m[1]!) : null;
  if (!m || network === null) throw invalid(trimmed, msg('driverText.local.subnet.notRange'));
  const prefix = Number(m[2]);
  if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) throw invalid(trimmed, msg('driverText.local.subnet.prefix', { prefix: String(prefix) }));
  if (network % maskSize(prefix) !== 0) {
    const start = network - (network % maskSize(prefix));
    throw invalid(trimmed, msg('driverText.local.subnet.notFirst', { first: `${numberToIpv4(start)}/${prefix}` }));
  }
  const isPrivate = PRIVATE_RANGES.some(([base, p]) => prefix >= p && inRange(network, ipv4ToNumber(base)!, p));
  if (!isPrivate) throw invalid(trimmed, msg('driverText.local.subnet.notPrivate'));
  return {
    cidr: `${numberToIpv4(network)}/${prefix}`,
    network,
    prefix,
    gateway: numberToIpv4(network + 1),
    first: network + 2,
    last: network + maskSize(prefix) - 2,
  };
}

/** The subnet configured by WHARF_LOCAL_SUBNET (or the default). */
export function localSubnetFromEnv(env: Record<string, string | undefined> = process.env): LocalSubnet {
  const value = env.WHARF_LOCAL_SUBNET?.trim();
  return parseLocalSubnet(value ? value : DEFAULT_LOCAL_SUBNET);
}

/** True when `address` is one a machine may have in `subnet` (not the network, bridge or broadcast address). */
export function isMachineAddress(subnet: LocalSubnet, address: string): boolean {
  const n = ipv4ToNumber(address);
  return n !== null && n >= subnet.first && n <= subnet.last;
}

/** The lowest machine address in `subnet` not in `used`, or null when every one is taken. */
export function lowestFreeAddress(subnet: LocalSubnet, used: Iterable<string>): string | null {
  const taken = new Set<number>();
  for (const a of used) {
    const n = ipv4ToNumber(a.trim().replace(/\/\d+$/, ''));
    if (n !== null) taken.add(n);
  }
  for (let n = subnet.first; n <= subnet.last; n++) if (!taken.has(n)) return numberToIpv4(n);
  return null;
}

/** How many machines fit in `subnet`. */
export const machineCapacity = (subnet: LocalSubnet) => subnet.last - subnet.first + 1;

/** True when the interface address range `address`/`prefix` (as `ip addr` shows it) overlaps `subnet`. */
export function overlapsSubnet(subnet: LocalSubnet, address: string, prefix: number): boolean {
  const n = ipv4ToNumber(address);
  if (n === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const size = maskSize(prefix);
  const start = n - (n % size);
  const end = start + size - 1;
  const subnetEnd = subnet.network + maskSize(subnet.prefix) - 1;
  return start <= subnetEnd && subnet.network <= end;
}
