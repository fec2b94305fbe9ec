// next-intl's request configuration (next.config.js points its plugin here): the request's
// language and its catalogue, for server components (getTranslations) and, through the root
// layout's provider, client components (useTranslations).
import 'server-only';
import { getRequestConfig } from 'next-intl/server';
import { messagesFor } from '../catalogue.ts';
import { requestLocale } from './request-locale.ts';

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  // Times are shown in UTC, the same on the server and in the browser (no hydration mismatch);
  // the exact local time is on hover (components/ui/relative-time.tsx).
  return { locale, messages: messagesFor(locale), timeZone: 'UTC' };
});
