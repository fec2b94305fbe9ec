import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostNetworksSection } from '@/components/containers/host-resource-sections.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('networks') };
}

export default hostSectionPage('networks', (host, ctx) => <HostNetworksSection hostId={host.id} canManage={ctx.manageHosts.includes(host.id)} />);
