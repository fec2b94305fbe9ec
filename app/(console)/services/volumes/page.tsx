import { swarmSectionPage } from '@/app/(console)/services/_lib/swarm-section-page.tsx';
import { VolumesSection } from '@/components/services/volumes-section.tsx';

export const metadata = { title: 'Volumes' };

export default swarmSectionPage('volumes', (swarm, ctx) => <VolumesSection swarmId={swarm.id} canManage={ctx.canManage} />);
