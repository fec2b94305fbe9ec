// The languages the console speaks, and how a request's language is chosen: the user's own choice
// (their profile, or the cookie the language switch sets before sign-in), else the browser's
// Accept-Language, else English. Pure: the doors pass in what they read from the request.
import { match } from '@formatjs/intl-localematcher';
import { parse as parseCookies } from 'cookie';
import Negotiator from 'negotiator';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
/** Set by the language switch; read before the profile is known (sign-in, setup) and by sockets. */
export const LOCALE_COOKIE = 'wharf.locale';

/** Each language's own name, as its readers write it (shown by the switch in every language). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The best of our languages for an Accept-Language header (any Chinese variant reads zh-CN best of the two). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages().filter((tag) => tag !== '*');
  if (requested.length === 0) return DEFAULT_LOCALE;
  // Traditional-script and regional Chinese tags are asked as plain `zh` (the matcher keeps scripts apart).
  const asked = requested.map((tag) => (/^zh\b/i.test(tag) ? 'zh-CN' : tag));
  try {
    const chosen = match(asked, [...LOCALES], DEFAULT_LOCALE, { algorithm: 'lookup' });
    return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** The language of a request: the profile's, else the cookie's, else the browser's. */
export function chooseLocale(from: { profile?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(from.profile)) return from.profile;
  if (isLocale(from.cookie)) return from.cookie;
  return negotiateLocale(from.acceptLanguage);
}

/** The same, from a request's raw headers (sockets, next-auth's sign-in): the Cookie header's
 * language cookie and Accept-Language. */
export function localeOfHeaders(from: { profile?: string | null; cookieHeader?: string | null; acceptLanguage?: string | null }): Locale {
  return chooseLocale({ profile: from.profile, cookie: parseCookies(from.cookieHeader ?? '')[LOCALE_COOKIE], acceptLanguage: from.acceptLanguage });
}
