import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { VolumesSection } from '@/components/services/volumes-section.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('volumes') };
}

export default swarmSectionPage('volumes', (swarm, ctx) => <VolumesSection swarmId={swarm.id} canManage={ctx.canManage} />);
