import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { EventsFeed } from '@/components/streams/events-feed.tsx';
import { HOST_EVENT_TYPES } from '@/lib/models/events/events-feed.ts';

export const metadata = { title: 'Host events' };

// A shell: events stream over the socket, where the feed is authorized (host.view).
export default hostSectionPage('events', (host) => <EventsFeed scope={{ kind: 'host', hostId: host.id }} types={HOST_EVENT_TYPES} title={`Events on ${host.name}`} />);
