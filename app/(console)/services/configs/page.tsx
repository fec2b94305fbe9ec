import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { ObjectsSection } from '@/components/services/objects-section.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('configs') };
}

export default swarmSectionPage('configs', (swarm, ctx) => <ObjectsSection swarmId={swarm.id} kind="config" canManage={ctx.canManage} canReveal={ctx.canReveal} />);
