// Docker CLI bundles (client certificates issued to users for one provisioned host), pure: how
// long they last, what state each is in, and what a revocation rotates and stops. dockerd has no
// revocation list, so a bundle stops working only when the CA its host trusts is replaced: every
// other bundle signed by that CA stops with it.
import { msg, type Message } from '@/lib/i18n/message.ts';
import { namesJoined, sentences } from '../joined-messages.ts';


/** The console's former shared CA: engines provisioned before hosts had their own CA trust it. */
export const SHARED_CA_ID = 'engines';

/** How long a CLI bundle's certificate lasts (WHARF_CLI_BUNDLE_DAYS), in days. */
export const CLI_BUNDLE_DAYS = { default: 30, min: 1, max: 365 } as const;

/** Reads WHARF_CLI_BUNDLE_DAYS: unset or empty is the default; anything else must be a whole number within the bounds. */
export function parseCliBundleDays(text: string | undefined): { days: number } | { problem: string } {
  const value = text?.trim();
  if (!value) return { days: CLI_BUNDLE_DAYS.default };
  const days = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(days) || days < CLI_BUNDLE_DAYS.min || days > CLI_BUNDLE_DAYS.max) {
    return { problem: `WHARF_CLI_BUNDLE_DAYS "${value.slice(0, 20)}" is not a whole number of days from ${CLI_BUNDLE_DAYS.min} to ${CLI_BUNDLE_DAYS.max}. Leave it unset for ${CLI_BUNDLE_DAYS.default} days.` };
  }
  return { days };
}

/** The CA a provisioned host's engine trusts: its own, or the shared one when it has none yet. */
export const trustedCaOf = (host: { caId: string | null }): string => host.caId ?? SHARED_CA_ID;

/** One issued bundle as lists show it (never its key). */
export type CliBundle = {
  serial: string;
  userId: string | null;
  username: string | null;
  hostId: string | null;
  hostName: string | null;
  caId: string | null;
  issuedAt: string;
  notAfter: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revokedReason: string | null;
};

export type BundleState = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired: it says what was done. */
export function bundleState(bundle: Pick<CliBundle, 'notAfter' | 'revokedAt'>, now: number): BundleState {
  if (bundle.revokedAt) return 'revoked';
  return Date.parse(bundle.notAfter) <= now ? 'expired' : 'active';
}

export const isActive = (bundle: Pick<CliBundle, 'notAfter' | 'revokedAt'>, now: number) => bundleState(bundle, now) === 'active';

/**
 * Which hosts' CAs must be rotated so that this bundle no longer opens anything: its own host's,
 * or, for a bundle of the shared CA, every host that still trusts the shared CA.
 */
export function hostsToRotateFor(bundle: Pick<CliBundle, 'caId' | 'hostId'>, hostsOnSharedCa: readonly string[]): string[] {
  if ((bundle.caId ?? SHARED_CA_ID) === SHARED_CA_ID) return [...hostsOnSharedCa];
  return bundle.hostId ? [bundle.hostId] : [];
}

/**
 * What rotating the CAs of some hosts stops: every active bundle signed by a CA one of them trusts
 * now (`trusted`: host id → CA id), on those hosts at least. The usernames come sorted, once each.
 */
export function stoppedByRotation(
  bundles: readonly CliBundle[],
  trusted: ReadonlyMap<string, string>,
  now: number,
): { bundles: CliBundle[]; usernames: string[] } {
  const cas = new Set(trusted.values());
  const stopped = bundles.filter((b) => isActive(b, now) && cas.has(b.caId ?? SHARED_CA_ID));
  const usernames = [...new Set(stopped.map((b) => b.username ?? 'a removed user'))].sort((a, b) => a.localeCompare(b));
  return { bundles: stopped, usernames };
}

/**
 * After a user's access changed: which of their bundles must be revoked, because they may no
 * longer hold one for that host (`mayHold(hostId)`; a disabled user may hold none).
 */
export function bundlesToRevokeFor(bundles: readonly CliBundle[], mayHold: (hostId: string) => boolean, now: number): CliBundle[] {
  return bundles.filter((b) => isActive(b, now) && !(b.hostId && mayHold(b.hostId)));
}

/** What revoking a user's bundles did: the hosts whose CA was rotated, and where that failed and
 * why (a message, or an error's English text; the host's name null when Wharf forgot the host). */
export type BundleRevocation = { rotated: string[]; failed: Array<{ hostName: string | null; message: Message | string }> };

/** One paragraph for a toast: what revoking a user's bundles did, or null when there was nothing to revoke. */
export function describeRevocation(username: string, result: BundleRevocation): Message | null {
  const parts: Message[] = [];
  if (result.rotated.length) parts.push(msg('modelText.bundles.revoked', { username, hosts: namesJoined(result.rotated) }));
  for (const f of result.failed) parts.push(msg('modelText.bundles.notRevoked', { username, host: f.hostName ?? msg('modelText.bundles.removedHost'), reason: f.message }));
  return parts.length ? sentences(parts) : null;
}
