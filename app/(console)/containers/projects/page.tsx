import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostSectionPage } from '@/app/(console)/containers/_lib/host-section-page.tsx';
import { ProjectList } from '@/components/compose-projects/project-list.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('compose.pages'))('list.title') };
}

export default hostSectionPage('projects', (host, ctx) => <ProjectList hostId={host.id} hostName={host.name} canManage={ctx.manageHosts.includes(host.id)} />);
