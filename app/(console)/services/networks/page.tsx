import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { NetworksSection } from '@/components/services/networks-section.tsx';

export const metadata = { title: 'Networks' };

export default swarmSectionPage('networks', (swarm, ctx) => <NetworksSection swarmId={swarm.id} canManage={ctx.canManage} />);
