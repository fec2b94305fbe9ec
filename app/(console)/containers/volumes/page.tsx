import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { acrossHostsPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostVolumesSection } from '@/components/containers/host-resource-sections.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('volumes') };
}

export default acrossHostsPage('volumes', (host, ctx) => <HostVolumesSection hostId={host?.id ?? null} manageHosts={ctx.manageHosts} />);
