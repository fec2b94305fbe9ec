// Shown to a signed-in user who has no access yet (no global role, no team): they are signed in,
// nothing is broken, and this is whom to ask.
import { Info } from 'lucide-react';
import { useTranslations } from 'next-intl';

export function NoAccessNotice({ askWhom }: { askWhom: string[] }) {
  const t = useTranslations('account.noAccess');
  return (
    <div role="status" className="mb-6 flex gap-3 rounded-lg border border-accent/40 bg-accent/10 px-4 py-3 text-sm">
      <Info className="mt-0.5 size-4 shrink-0 text-accent" aria-hidden />
      <p>
        {t('signedIn')} {askWhom.length ? t('askWhom', { names: askWhom.join(', ') }) : t('ask')}
      </p>
    </div>
  );
}
