import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostNameOr404, pageAccessOn, projectPageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ProjectDetail } from '@/components/compose-projects/project-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { projectNameSchema } from '@/lib/schemas/compose-projects.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { OwnerCard } from '@/components/access/owner-card.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readOwner, teamsToMoveTo } from '@/lib/services/access/read-owner.ts';

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
  // Administrators see who owns a project Wharf keeps and may move it (lib/auth/ownership.ts).
  const object = { kind: 'project' as const, hostId, name };
  const kept = access.can('team.manage') && (await getRuntime().db.composeProject.count({ where: { hostId, name } })) > 0;
  const owner = kept ? await Promise.all([readOwner(getRuntime(), object), teamsToMoveTo(getRuntime())]) : null;
  return (
    <>
      <PageHeader title={t('title', { name })} description={t('description', { host: hostName })} />
      <ProjectDetail key={`${hostId}/${name}`} hostId={hostId} name={name} canManage={access.can('container.manage')} />
      {owner && <OwnerCard object={object} current={owner[0]} teams={owner[1]} />}
    </>
  );
}
