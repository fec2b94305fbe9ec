import { ObjectsSection } from '@/components/services/objects-section.tsx';
import { servicesContext } from '@/app/(console)/services/_lib/services-context.ts';
import { ServicesShell } from '@/components/services/services-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Configs' };

export default async function ConfigsPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
  const ctx = await servicesContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <ServicesShell ctx={ctx} section="configs">
      {ctx.swarm && <ObjectsSection key={ctx.swarm.id} swarmId={ctx.swarm.id} kind="config" canManage={ctx.canManage} />}
    </ServicesShell>
  );
}
