import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostStatsView } from '@/components/streams/stats-host.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('stats') };
}

// A shell: the figures stream over the socket, where the watch is authorized again.
export default hostSectionPage('stats', (host) => <HostStatsView hostId={host.id} hostName={host.name} />);
