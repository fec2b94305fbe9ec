import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { NONCE_HEADER } from '@/lib/http/security-headers.ts';
import { messagesFor } from '@/lib/i18n/catalogue.ts';
import { clientMessages } from '@/lib/i18n/client-namespaces.ts';
import { DEFAULT_LOCALE, isLocale } from '@/lib/i18n/locales.ts';
import { Providers } from './providers.tsx';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('product'), template: `%s · ${t('product')}` }, description: t('productTagline') };
}

// The nonce proxy.ts made for this response: the theme script runs before hydration, so it needs
// one (reading it makes every page dynamic, which a nonce requires; the not-found page too).
// The request's language (lib/i18n/next/request-config.ts) is the page's `lang`; the part of its
// catalogue client components say (lib/i18n/client-namespaces.ts) goes to them through next-intl's
// provider, the rest stays on the server.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  const locale = await getLocale();
  return (
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-screen font-sans text-sm antialiased">
        <NextIntlClientProvider locale={locale} messages={clientMessages(messagesFor(isLocale(locale) ? locale : DEFAULT_LOCALE))} timeZone="UTC">
          <Providers nonce={nonce}>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
