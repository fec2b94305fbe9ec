// Shown in place of a page the user may not see.
import { ShieldX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { EmptyState } from './empty-state.tsx';

export function Forbidden({ message }: { message: string }) {
  const t = useTranslations('common.forbidden');
  return (
    <EmptyState icon={<ShieldX className="size-8" />} title={t('title')}>
      {t('askAdministrator', { message })}
    </EmptyState>
  );
}
