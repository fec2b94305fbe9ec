import { hostNameOr404, pageAccessOn } from '@/app/(console)/_lib/page-params.ts';
import { ProjectForm } from '@/components/compose-projects/project-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { notFound } from 'next/navigation';

export const metadata = { title: 'New compose project' };

export default async function NewProjectPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const { host } = await searchParams;
  if (typeof host !== 'string' || !hostIdSchema.safeParse(host).success) notFound();
  const access = await pageAccessOn('container.manage', { type: 'host', id: host });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(host);
  return (
    <>
      <PageHeader title="New compose project" description={`A compose file brought up on ${hostName} as docker compose up -d would: the same names and labels, so the Compose CLI sees it too.`} />
      <ProjectForm mode="new" hostId={host} hostName={hostName} />
    </>
  );
}
