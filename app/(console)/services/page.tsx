import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { CreateServiceLink, ServicesList } from '@/components/services/services-list.tsx';

export const metadata = { title: 'Services' };

// The services are read in the browser: a manager that does not answer must not hold the page.
export default swarmSectionPage(
  'services',
  (swarm, ctx) => <ServicesList swarmId={swarm.id} canManage={ctx.canManage} />,
  (swarm, ctx) => ctx.canManage && <CreateServiceLink swarmId={swarm.id} />,
);
