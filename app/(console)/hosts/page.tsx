import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AddHostLink, HostTable, ProvisionHostLink } from '@/components/hosts/host-table.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { HOST_SECTIONS } from '@/components/layout/sections.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hosts.pages.list'))('title') };
}

export default async function HostsPage() {
  const access = await pageAccess('host.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const t = await getTranslations('hosts.pages');
  const canAdd = can(access.actor, 'host.create');
  const hosts = await listHosts(getRuntime(), access.actor, await requestLocale());
  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          canAdd ? (
            <>
              <ProvisionHostLink />
              <AddHostLink />
            </>
          ) : undefined
        }
      />
      {canAdd && <SectionTabs label={t('sections')} sections={HOST_SECTIONS} current="hosts" />}
      <HostTable initialHosts={hosts} canAdd={canAdd} />
    </>
  );
}
