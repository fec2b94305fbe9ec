import { containersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
import { ContainersShell } from '@/components/containers/containers-shell.tsx';
import { HostImagesSection } from '@/components/containers/host-resource-sections.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Images' };

export default async function ImagesPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const ctx = await containersContext(await searchParams, { perHost: true });
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <ContainersShell ctx={ctx} section="images">
      {ctx.host && <HostImagesSection key={ctx.host.id} hostId={ctx.host.id} canManage={ctx.manageHosts.includes(ctx.host.id)} />}
    </ContainersShell>
  );
}
