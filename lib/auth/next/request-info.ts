// Facts about the current request inside Next.js: the client's address (set by server.ts) and
// whether the Origin header is ours.
import 'server-only';
import { headers } from 'next/headers';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { expectedOrigin, originAllowed } from '@/lib/realtime/server/check-origin.ts';

import { CLIENT_IP_HEADER } from '@/lib/http/client-address.ts';

export { CLIENT_IP_HEADER };

export async function clientIp(): Promise<string | null> {
  return (await headers()).get(CLIENT_IP_HEADER) || null;
}

/** The Host header the request was addressed to (the handler keeps it as sent). */
export async function requestHost(): Promise<string | null> {
  return (await headers()).get('host');
}

export async function userAgent(): Promise<string | null> {
  return (await headers()).get('user-agent');
}

/** Mutations must come from a page of ours: an Origin that is missing, "null" or foreign is refused. */
export async function originIsOurs(): Promise<boolean> {
  const h = await headers();
  return originAllowed(h.get('origin'), expectedOrigin(getRuntime().config.publicUrl, h.get('host') ?? undefined));
}
