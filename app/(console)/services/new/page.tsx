import { ServiceForm } from '@/components/services/service-form.tsx';
import { servicesContext } from '@/app/(console)/services/_lib/services-context.ts';
import { ServicesShell } from '@/components/services/services-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';

export const metadata = { title: 'Create a service' };

export default async function NewServicePage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
  const ctx = await servicesContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  if (!ctx.swarm || ctx.swarms.length === 0) {
    return (
      <ServicesShell ctx={ctx} section="services">
        {null}
      </ServicesShell>
    );
  }
  if (!ctx.canManage) return <Forbidden message="You may not create services on this swarm." />;
  return (
    <>
      <PageHeader title="Create a service" description={`On swarm ${ctx.swarm.name}. The swarm starts its tasks as soon as it is created.`} />
      <ServiceForm swarmId={ctx.swarm.id} />
    </>
  );
}
