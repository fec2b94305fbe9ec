import { containersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
import { ContainersShell } from '@/components/containers/containers-shell.tsx';
import { EventsFeed } from '@/components/streams/events-feed.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { HOST_EVENT_TYPES } from '@/lib/models/events/events-feed.ts';

export const metadata = { title: 'Host events' };

// A shell: events stream over the socket, where the feed is authorized (host.view).
export default async function HostEventsPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const ctx = await containersContext(await searchParams, { perHost: true });
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  return (
    <ContainersShell ctx={ctx} section="events">
      {ctx.host && <EventsFeed key={ctx.host.id} scope={{ kind: 'host', hostId: ctx.host.id }} types={HOST_EVENT_TYPES} title={`Events on ${ctx.host.name}`} />}
    </ContainersShell>
  );
}
