// The language of the current Next.js request (pages, actions, routes): the signed-in user's
// profile, else the language switch's cookie, else Accept-Language. Read once per request.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { chooseLocale, LOCALE_COOKIE, type Locale } from '../locales.ts';

export const requestLocale = cache(async (): Promise<Locale> => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  let profile: string | null = null;
  try {
    profile = (await currentActor())?.locale ?? null;
  } catch {
    // The database is away: the cookie and the browser still say which language to answer in.
  }
  return chooseLocale({ profile, cookie: jar.get(LOCALE_COOKIE)?.value, acceptLanguage: head.get('accept-language') });
});
