import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ProvisionHostLink } from '@/components/hosts/host-table.tsx';
import { ProvisionRuns } from '@/components/hosts/provision-runs.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { HOST_SECTIONS } from '@/components/layout/sections.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listProvisionJobs } from '@/lib/services/hosts/provision/read-provision-jobs.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('provisioning.pages.list'))('title') };
}

export default async function ProvisioningPage() {
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const jobs = await listProvisionJobs(getRuntime(), {}, await requestLocale());
  const t = await getTranslations('provisioning.pages.list');
  const th = await getTranslations('hosts.pages');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={<ProvisionHostLink primary />} />
      <SectionTabs label={th('sections')} sections={HOST_SECTIONS} current="provisioning" />
      <ProvisionRuns initialJobs={jobs} />
    </>
  );
}
