import { containersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
import { ContainersShell } from '@/components/containers/containers-shell.tsx';
import { HostNetworksSection } from '@/components/containers/host-resource-sections.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Networks' };

export default async function NetworksPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const ctx = await containersContext(await searchParams, { perHost: true });
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <ContainersShell ctx={ctx} section="networks">
      {ctx.host && <HostNetworksSection key={ctx.host.id} hostId={ctx.host.id} canManage={ctx.manageHosts.includes(ctx.host.id)} />}
    </ContainersShell>
  );
}
