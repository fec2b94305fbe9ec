import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { foundOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { HostForm } from '@/components/hosts/host-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { getHost } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hosts.pages.edit'))('metaTitle') };
}

export default async function EditHostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await validParams(params, { hostId: hostIdSchema });
  const access = await pageAccess('host.update', { type: 'host', id: hostId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const host = await foundOr404(getHost(getRuntime(), hostId, await requestLocale()));
  const t = await getTranslations('hosts.pages.edit');
  return (
    <>
      <PageHeader title={t('title', { name: host.name })} description={t('description')} />
      <HostForm host={host} />
    </>
  );
}
