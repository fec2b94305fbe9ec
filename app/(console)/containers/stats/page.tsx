import { containersContext } from '@/components/containers/containers-context.ts';
import { HostStatsView } from '@/components/streams/stats-host.tsx';
import { LiveHostShell } from '@/components/streams/stats-page-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Host stats' };

// A shell: the figures stream over the socket, where the watch is authorized again.
export default async function HostStatsPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const ctx = await containersContext(await searchParams, { perHost: true });
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <LiveHostShell ctx={ctx} section="stats" title="Stats" description="A host's running containers, live: totals and the top by CPU and memory.">
      {ctx.host && <HostStatsView key={ctx.host.id} hostId={ctx.host.id} hostName={ctx.host.name} />}
    </LiveHostShell>
  );
}
