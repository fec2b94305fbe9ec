import { getTranslations } from 'next-intl/server';
import { BackupForm } from '@/components/backup/backup-form.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { GLOBAL } from '@/lib/auth/permissions.ts';

export async function generateMetadata() {
  return { title: (await getTranslations('backup.page'))('title') };
}

export default async function BackupPage() {
  const access = await pageAccess('backup.create', GLOBAL);
  if (!access.ok) return <Forbidden message={access.message} />;
  const t = await getTranslations('backup.page');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('cardTitle')}>
        <div className="flex flex-col gap-3 p-4 text-sm">
          <p>{t.rich('restoreHow', { code: (chunks) => <code>{chunks}</code> })}</p>
          <BackupForm />
        </div>
      </Card>
    </>
  );
}
