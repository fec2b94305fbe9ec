import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { NetworksSection } from '@/components/services/networks-section.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('networks') };
}

export default swarmSectionPage('networks', (swarm, ctx) => <NetworksSection swarmId={swarm.id} canManage={ctx.canManage} />);
