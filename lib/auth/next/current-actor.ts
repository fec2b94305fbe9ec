// The signed-in actor for the current Next.js request, read from the session cookie.
import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { resolveSession, SESSION_COOKIE } from '../session-store.ts';
import type { Actor } from '../actor.ts';
import { clientIp } from './request-info.ts';

/** Read once per request (React's cache): the session and the user in one query, their grants from
 * the runtime's cache under the user's access version. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const rt = getRuntime();
  return resolveSession(rt.db, token, await clientIp(), rt.access);
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', msg('errors.sessionEnded'));
  return actor;
}
