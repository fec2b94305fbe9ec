import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostStatsView } from '@/components/streams/stats-host.tsx';

export const metadata = { title: 'Host stats' };

// A shell: the figures stream over the socket, where the watch is authorized again.
export default hostSectionPage('stats', (host) => <HostStatsView hostId={host.id} hostName={host.name} />);
