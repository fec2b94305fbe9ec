import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CreateSwarmForm } from '@/components/swarms/create-swarm-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('swarms.pages'))('new.title') };
}

export default async function NewSwarmPage() {
  const access = await pageAccess('swarm.manage');
  if (!access.ok) return <Forbidden message={access.message} />;
  const hosts = await listHosts(getRuntime(), access.actor, await requestLocale());
  const t = await getTranslations('swarms.pages.new');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <CreateSwarmForm initialHosts={hosts} canSecrets={can(access.actor, 'swarm.secrets')} />
    </>
  );
}
