import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { foundOr404, hostNameOr404, pageAccessOn, projectPageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ProjectForm } from '@/components/compose-projects/project-form.tsx';
import { keptPaths } from '@/lib/models/compose-files/file-path.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { projectNameSchema } from '@/lib/schemas/compose-projects.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { requireStoredProject } from '@/lib/services/compose-projects/project-host.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('compose.pages'))('edit.metaTitle') };
}

export default async function EditProjectPage({ params }: { params: Promise<{ hostId: string; name: string }> }) {
  const { hostId, name } = await validParams(params, { hostId: hostIdSchema, name: projectNameSchema });
  const access = await pageAccessOn('container.manage', await projectPageTarget('container.manage', { hostId, name }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  const stored = await foundOr404(requireStoredProject(getRuntime(), hostId, name));
  const t = await getTranslations('compose.pages.edit');
  return (
    <>
      <PageHeader title={t('title', { name })} description={t('description', { host: hostName })} />
      <ProjectForm mode="edit" hostId={hostId} hostName={hostName} name={name} initialText={stored.revision.composeText} initialProfiles={stored.profiles} initialWorkingDir={stored.workingDir ?? ''} inheritFrom={stored.revision.number} keptNames={Object.keys(stored.revision.variables).sort()} keptFiles={keptPaths(Object.keys(stored.revision.files)).sort()} />
    </>
  );
}
