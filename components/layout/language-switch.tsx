'use client';
// The language switch (header and sign-in pages): each language named in its own words. The
// choice is a cookie at once (pages before sign-in read it) and, when signed in, the profile.
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { chooseLanguageAction } from '@/lib/actions/account.ts';
import { isLocale, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales.ts';

const YEAR_SECONDS = 365 * 24 * 3600;

export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations('common.language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    startTransition(async () => {
      if (signedIn) {
        const result = await chooseLanguageAction({ locale: next });
        if (!result.ok) toast.error(result.error.message);
      }
      router.refresh();
    });
  }

  return (
    <select
      aria-label={t('label')}
      value={locale}
      disabled={pending}
      onChange={(event) => isLocale(event.target.value) && choose(event.target.value)}
      className="rounded-md border border-border bg-surface px-2 py-1 text-xs text-fg"
    >
      {LOCALES.map((option) => (
        <option key={option} value={option} lang={option}>
          {LOCALE_NAMES[option]}
        </option>
      ))}
    </select>
  );
}
