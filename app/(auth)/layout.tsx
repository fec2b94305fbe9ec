import type { ReactNode } from 'react';
import { Anchor } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/layout/language-switch.tsx';

export const dynamic = 'force-dynamic';

// Sign-in and first-run pages: in the language of the switch's cookie, else the browser's.
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold">
          <Anchor className="size-6 text-accent" aria-hidden /> {t('product')}
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">{children}</div>
        <div className="mt-4 flex justify-center">
          <LanguageSwitch signedIn={false} />
        </div>
      </div>
    </main>
  );
}
