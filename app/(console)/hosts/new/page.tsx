import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AddHostChoice } from '@/components/hosts/add-host-choice.tsx';
import { HostForm } from '@/components/hosts/host-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hosts.pages.new'))('metaTitle') };
}

export default async function NewHostPage() {
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const t = await getTranslations('hosts.pages.new');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <AddHostChoice current="register" />
      <HostForm />
    </>
  );
}
