import { CreateServiceLink, ServicesList } from '@/components/services/services-list.tsx';
import { servicesContext } from '@/app/(console)/services/_lib/services-context.ts';
import { ServicesShell } from '@/components/services/services-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Services' };

// The services are read in the browser: a manager that does not answer must not hold the page.
export default async function ServicesPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
  const ctx = await servicesContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <ServicesShell ctx={ctx} section="services" actions={ctx.swarm && ctx.canManage ? <CreateServiceLink swarmId={ctx.swarm.id} /> : undefined}>
      {ctx.swarm && <ServicesList key={ctx.swarm.id} swarmId={ctx.swarm.id} canManage={ctx.canManage} />}
    </ServicesShell>
  );
}
