import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostVolumesSection } from '@/components/containers/host-resource-sections.tsx';

export const metadata = { title: 'Volumes' };

export default hostSectionPage('volumes', (host, ctx) => <HostVolumesSection hostId={host.id} canManage={ctx.manageHosts.includes(host.id)} />);
