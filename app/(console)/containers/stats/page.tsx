import { containersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
import { ContainersShell } from '@/components/containers/containers-shell.tsx';
import { HostStatsView } from '@/components/streams/stats-host.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Host stats' };

// A shell: the figures stream over the socket, where the watch is authorized again.
export default async function HostStatsPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const ctx = await containersContext(await searchParams, { perHost: true });
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return <ContainersShell ctx={ctx} section="stats">{ctx.host && <HostStatsView key={ctx.host.id} hostId={ctx.host.id} hostName={ctx.host.name} />}</ContainersShell>;
}
