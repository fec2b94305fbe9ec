import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { ObjectsSection } from '@/components/services/objects-section.tsx';

export const metadata = { title: 'Configs' };

export default swarmSectionPage('configs', (swarm, ctx) => <ObjectsSection swarmId={swarm.id} kind="config" canManage={ctx.canManage} canReveal={ctx.canReveal} />);
