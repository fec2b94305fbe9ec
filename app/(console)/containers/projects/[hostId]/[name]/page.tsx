import { hostNameOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ProjectDetail } from '@/components/compose-projects/project-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { projectNameSchema } from '@/lib/schemas/compose-projects.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export const metadata = { title: 'Compose project' };

// The project is read in the browser (a host that does not answer must not hold the page).
export default async function ProjectPage({ params }: { params: Promise<{ hostId: string; name: string }> }) {
  const { hostId, name } = await validParams(params, { hostId: hostIdSchema, name: projectNameSchema });
  const access = await pageAccessOn('container.view', { type: 'host', id: hostId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  return (
    <>
      <PageHeader title={`Project ${name}`} description={`A compose project on ${hostName}.`} />
      <ProjectDetail key={`${hostId}/${name}`} hostId={hostId} name={name} canManage={access.can('container.manage')} />
    </>
  );
}
