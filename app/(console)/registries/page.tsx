import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NotBuilt } from '@/components/ui/not-built.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sections.registries'))('title') };
}

export default async function RegistriesPage() {
  const t = await getTranslations('sections.registries');
  return (
    <NotBuilt
      title={t('title')}
      summary={t('summary')}
      coming={[t('coming1'), t('coming2'), t('coming3')]}
    />
  );
}
