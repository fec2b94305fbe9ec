import { NetworksSection } from '@/components/services/networks-section.tsx';
import { servicesContext } from '@/app/(console)/services/_lib/services-context.ts';
import { ServicesShell } from '@/components/services/services-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Networks' };

export default async function NetworksPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
  const ctx = await servicesContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <ServicesShell ctx={ctx} section="networks">
      {ctx.swarm && <NetworksSection key={ctx.swarm.id} swarmId={ctx.swarm.id} canManage={ctx.canManage} />}
    </ServicesShell>
  );
}
