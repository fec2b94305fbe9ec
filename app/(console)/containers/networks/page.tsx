import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostNetworksSection } from '@/components/containers/host-resource-sections.tsx';

export const metadata = { title: 'Networks' };

export default hostSectionPage('networks', (host, ctx) => <HostNetworksSection hostId={host.id} canManage={ctx.manageHosts.includes(host.id)} />);
