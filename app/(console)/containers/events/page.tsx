import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { acrossHostsPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { EventsFeed } from '@/components/streams/events-feed.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { HOST_EVENT_TYPES } from '@/lib/models/events/events-feed.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('events') };
}

// A shell: events stream over the socket, one follow per host, each authorized there (host.view);
// the hosts offered are those the user may view as themselves.
export default acrossHostsPage('events', (host, ctx, t) => {
  const hosts = (host ? [host] : ctx.hosts).filter((h) => can(ctx.actor, 'host.view', { type: 'host', id: h.id }));
  return <EventsFeed sources={hosts.map((h) => ({ scope: { kind: 'host', hostId: h.id }, name: h.name }))} types={HOST_EVENT_TYPES} title={host ? t('eventsOn', { host: host.name }) : t('eventsAll')} />;
});
