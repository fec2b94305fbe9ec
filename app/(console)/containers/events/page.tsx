import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { EventsFeed } from '@/components/streams/events-feed.tsx';
import { HOST_EVENT_TYPES } from '@/lib/models/events/events-feed.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('events') };
}

// A shell: events stream over the socket, where the feed is authorized (host.view).
export default hostSectionPage('events', (host, _ctx, t) => <EventsFeed scope={{ kind: 'host', hostId: host.id }} types={HOST_EVENT_TYPES} title={t('eventsOn', { host: host.name })} />);
