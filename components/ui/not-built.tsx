// Honest placeholder for a section that is not built yet.
import { Construction } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { EmptyState } from './empty-state.tsx';
import { PageHeader } from './page-header.tsx';

export function NotBuilt({ title, summary, coming }: { title: string; summary: string; coming: string[] }) {
  const t = useTranslations('common.notBuilt');
  return (
    <>
      <PageHeader title={title} description={summary} />
      <EmptyState icon={<Construction className="size-8" />} title={t('title', { title })}>
        <p>{t('intro')}</p>
        <ul className="mt-2 list-inside list-disc text-left">
          {coming.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </EmptyState>
    </>
  );
}
