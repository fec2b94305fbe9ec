import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { HostImagesSection } from '@/components/containers/host-resource-sections.tsx';

export const metadata = { title: 'Images' };

export default hostSectionPage('images', (host, ctx) => <HostImagesSection hostId={host.id} canManage={ctx.manageHosts.includes(host.id)} />);
