import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { ObjectsSection } from '@/components/services/objects-section.tsx';

export const metadata = { title: 'Secrets' };

export default swarmSectionPage('secrets', (swarm, ctx) => <ObjectsSection swarmId={swarm.id} kind="secret" canManage={ctx.canManage} canReveal={ctx.canReveal} />);
