import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostNameOr404, pageAccessOn, projectPageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ProjectDetail } from '@/components/compose-projects/project-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { projectNameSchema } from '@/lib/schemas/compose-projects.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('compose.pages'))('detail.metaTitle') };
}

// The project is read in the browser (a host that does not answer must not hold the page).
export default async function ProjectPage({ params }: { params: Promise<{ hostId: string; name: string }> }) {
  const { hostId, name } = await validParams(params, { hostId: hostIdSchema, name: projectNameSchema });
  const access = await pageAccessOn('container.view', await projectPageTarget('container.view', { hostId, name }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  const t = await getTranslations('compose.pages.detail');
  return (
    <>
      <PageHeader title={t('title', { name })} description={t('description', { host: hostName })} />
      <ProjectDetail key={`${hostId}/${name}`} hostId={hostId} name={name} canManage={access.can('container.manage')} />
    </>
  );
}
