import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { acrossHostsPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostImagesSection } from '@/components/containers/host-resource-sections.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('images') };
}

export default acrossHostsPage('images', (host, ctx) => <HostImagesSection hostId={host?.id ?? null} manageHosts={ctx.manageHosts} />);
