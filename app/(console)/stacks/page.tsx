import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { StackList } from '@/components/stacks/stack-list.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stacks.pages'))('list.title') };
}

// The swarms are listed here; each swarm's stacks are read in the browser (a manager that does
// not answer must not hold the page).
export default async function StacksPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
  const access = await pageAccess('stack.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const { swarm } = await searchParams;
  const swarms = await listSwarms(getRuntime(), access.actor);
  const initialSwarmId = typeof swarm === 'string' ? swarm : null;
  const t = await getTranslations('stacks.pages.list');
  const canDeploy = swarms.some((s) => can(access.actor, 'stack.deploy', { type: 'in-swarm', id: s.id }));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <StackList initialSwarms={swarms} initialSwarmId={initialSwarmId} canDeploy={canDeploy} canCreateSwarm={can(access.actor, 'swarm.manage')} />
    </>
  );
}
