import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { ProjectList } from '@/components/compose-projects/project-list.tsx';

export const metadata = { title: 'Compose projects' };

export default hostSectionPage('projects', (host, ctx) => <ProjectList hostId={host.id} hostName={host.name} canManage={ctx.manageHosts.includes(host.id)} />);
