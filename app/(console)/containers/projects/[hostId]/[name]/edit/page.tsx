import { foundOr404, hostNameOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ProjectForm } from '@/components/compose-projects/project-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { projectNameSchema } from '@/lib/schemas/compose-projects.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { requireStoredProject } from '@/lib/services/compose-projects/project-host.ts';

export const metadata = { title: 'Edit compose project' };

export default async function EditProjectPage({ params }: { params: Promise<{ hostId: string; name: string }> }) {
  const { hostId, name } = await validParams(params, { hostId: hostIdSchema, name: projectNameSchema });
  const access = await pageAccessOn('container.manage', { type: 'host', id: hostId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  const stored = await foundOr404(requireStoredProject(getRuntime(), hostId, name));
  return (
    <>
      <PageHeader title={`Edit project ${name}`} description={`Saving keeps a new revision and brings it up on ${hostName}: only the services that changed are recreated.`} />
      <ProjectForm mode="edit" hostId={hostId} hostName={hostName} name={name} initialText={stored.revision.composeText} initialProfiles={stored.profiles} />
    </>
  );
}
