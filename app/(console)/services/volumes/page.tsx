import { VolumesSection } from '@/components/services/volumes-section.tsx';
import { servicesContext } from '@/app/(console)/services/_lib/services-context.ts';
import { ServicesShell } from '@/components/services/services-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Volumes' };

export default async function VolumesPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
  const ctx = await servicesContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <ServicesShell ctx={ctx} section="volumes">
      {ctx.swarm && <VolumesSection key={ctx.swarm.id} swarmId={ctx.swarm.id} canManage={ctx.canManage} />}
    </ServicesShell>
  );
}
