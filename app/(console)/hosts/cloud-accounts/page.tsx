import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AddCloudAccountButton, CloudAccounts } from '@/components/hosts/cloud-accounts.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { HOST_SECTIONS } from '@/components/layout/sections.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listCloudCredentials } from '@/lib/services/hosts/cloud/cloud-credentials.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cloud.pages'))('title') };
}

export default async function CloudAccountsPage() {
  // Whoever may provision hosts may see (and use) the saved accounts; managing them is separate.
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const canManage = can(access.actor, 'cloud.manage');
  const accounts = await listCloudCredentials(getRuntime());
  const t = await getTranslations('cloud.pages');
  const th = await getTranslations('hosts.pages');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={canManage ? t('descriptionManage') : t('descriptionView')}
        actions={canManage ? <AddCloudAccountButton /> : undefined}
      />
      <SectionTabs label={th('sections')} sections={HOST_SECTIONS} current="cloud" />
      <CloudAccounts initialAccounts={accounts} canManage={canManage} />
    </>
  );
}
