// Which engines Wharf connects to on a user's word, judged on the addresses a name resolves to,
// not on how the name is spelled: never a cloud metadata service, a link-local or an unspecified
// address, for anyone; the console's own machine (a unix socket, a loopback address) only for
// users with `host.local` (administrators). The caller then connects to the address that was
// judged, so a name cannot resolve to something else between the judgement and the connection.
import 'server-only';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { permissionPhrase } from '@/lib/auth/permissions.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import type { ConnectionSpec } from '@/lib/models/hosts/connection-spec.ts';
import { addressKind } from '@/lib/models/net/ip-address.ts';

/** Every address a name resolves to (the system resolver: /etc/hosts, then DNS). */
export type Lookup = (name: string) => Promise<string[]>;

export const systemLookup: Lookup = async (name) => (await dnsLookup(name, { all: true, verbatim: true })).map((a) => a.address);

const LOOKUP_MS = 5000;

/** Why Wharf refuses to connect to this address for anyone, or null. Pure. */
export function refusedAddress(address: string): Message | null {
  const kind = addressKind(address);
  return kind === 'metadata' || kind === 'link-local' || kind === 'unspecified' ? msg('hosts.errors.refusedKind', { kind: kind === 'link-local' ? 'linkLocal' : kind }) : null;
}

/** Whether the address is the console's own machine (loopback). Pure. */
export const isConsoleMachine = (address: string): boolean => addressKind(address) === 'loopback';

async function resolve(name: string, lookup: Lookup): Promise<string[]> {
  if (isIP(name)) return [name];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), LOOKUP_MS);
  });
  try {
    const addresses = await Promise.race([lookup(name), timeout]);
    if (addresses.length) return addresses;
  } catch {
    // answered below, the same way for every failure
  } finally {
    clearTimeout(timer);
  }
  const message = msg('hosts.errors.noAddress', { name });
  throw new AppError('ENGINE_UNREACHABLE', message, { fieldErrors: { host: [issueText(message.key, message.values)] } });
}

/**
 * Resolves `name` (an IP address stands for itself) and judges every address it resolves to:
 * the addresses, and the first refused one with why. Provisioning judges machine addresses with
 * this too.
 */
export async function judgeName(name: string, lookup: Lookup = systemLookup): Promise<{ addresses: string[]; refused: Message | null }> {
  const addresses = await resolve(name, lookup);
  for (const address of addresses) {
    const reason = refusedAddress(address);
    if (reason) return { addresses, refused: address === name ? msg('hosts.errors.refusedAddress', { address, reason }) : msg('hosts.errors.refusedName', { name, address, reason }) };
  }
  return { addresses, refused: null };
}

/** What a connection may go to: the address that was judged (null for a unix socket). */
export type ScreenedTarget = { connectTo: string | null };

function mayReachConsole(actor: Actor, field: 'socketPath' | 'host'): void {
  if (can(actor, 'host.local')) return;
  const message = msg('hosts.errors.notAllowedLocal', { action: permissionPhrase('host.local') });
  throw new AppError('FORBIDDEN', message, { fieldErrors: { [field]: [issueText(message.key, message.values)] } });
}

/**
 * Judges where `spec` would connect for `actor`; throws a FORBIDDEN AppError (on the form field
 * at fault) when it may not. A metadata, link-local or unspecified address among those a name
 * resolves to refuses the whole name; a unix socket or a loopback address needs `host.local`.
 * The caller audits the refusal.
 */
export async function screenConnection(actor: Actor, spec: ConnectionSpec, lookup: Lookup = systemLookup): Promise<ScreenedTarget> {
  if (spec.transport === 'unix') {
    mayReachConsole(actor, 'socketPath');
    return { connectTo: null };
  }
  const { addresses, refused } = await judgeName(spec.host, lookup);
  if (refused) {
    const message = msg('hosts.errors.refusedConnect', { target: refused });
    throw new AppError('FORBIDDEN', message, { fieldErrors: { host: [issueText(message.key, message.values)] } });
  }
  if (addresses.some(isConsoleMachine)) mayReachConsole(actor, 'host');
  return { connectTo: addresses[0] };
}
