import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AddHostChoice } from '@/components/hosts/add-host-choice.tsx';
import { ProvisionForm } from '@/components/hosts/provision-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listCloudCredentials } from '@/lib/services/hosts/cloud/cloud-credentials.ts';
import { localDriverProblems } from '@/lib/services/hosts/drivers/local/check-local-support.ts';
import { DRIVERS, type DriverName } from '@/lib/models/hosts/provision-plan.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('provisioning.pages.new'))('title') };
}

export default async function ProvisionHostPage({ searchParams }: { searchParams: Promise<{ driver?: string | string[] }> }) {
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const { driver } = await searchParams;
  const initialDriver = (DRIVERS as readonly string[]).includes(String(driver)) ? (driver as DriverName) : undefined;
  const [credentials, localProblems] = await Promise.all([listCloudCredentials(getRuntime()), localDriverProblems()]);
  const t = await getTranslations('provisioning.pages.new');
  const locale = await requestLocale();
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
      />
      <AddHostChoice current="provision" />
      <ProvisionForm initialCredentials={credentials} canManageCloud={can(access.actor, 'cloud.manage')} initialDriver={initialDriver} localProblems={localProblems.map((problem) => renderMessage(problem, locale))} />
    </>
  );
}
