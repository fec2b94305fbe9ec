import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostNameOr404, pageAccessOn } from '@/app/(console)/_lib/page-params.ts';
import { ProjectForm } from '@/components/compose-projects/project-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { notFound } from 'next/navigation';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listOwnTeams } from '@/lib/services/access/owner-for-create.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('compose.pages'))('new.title') };
}

export default async function NewProjectPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const { host } = await searchParams;
  if (typeof host !== 'string' || !hostIdSchema.safeParse(host).success) notFound();
  const access = await pageAccessOn('container.manage', { type: 'host', id: host });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(host);
  const t = await getTranslations('compose.pages.new');
  return (
    <>
      <PageHeader title={t('title')} description={t('description', { host: hostName })} />
      <ProjectForm mode="new" hostId={host} hostName={hostName} ownerTeams={await listOwnTeams(getRuntime(), access.actor)} />
    </>
  );
}
