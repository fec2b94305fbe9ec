import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { CreateServiceLink, ServicesList } from '@/components/services/services-list.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('services') };
}

// The services are read in the browser: a manager that does not answer must not hold the page.
export default swarmSectionPage(
  'services',
  (swarm, ctx) => <ServicesList swarmId={swarm.id} canManage={ctx.canManage} />,
  (swarm, ctx) => ctx.canManage && <CreateServiceLink swarmId={swarm.id} />,
);
