// Types next-intl checks every translation call against: our languages and the English catalogue.
import type { Messages } from '@/lib/i18n/catalogue.ts';
import type { Locale } from '@/lib/i18n/locales.ts';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
