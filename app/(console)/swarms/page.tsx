import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CreateSwarmLink, SwarmCards } from '@/components/swarms/swarm-cards.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('swarms.pages'))('list.metaTitle') };
}

export default async function SwarmsPage() {
  const access = await pageAccess('swarm.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const canCreate = can(access.actor, 'swarm.manage');
  const swarms = await listSwarms(getRuntime(), access.actor);
  const t = await getTranslations('swarms.pages.list');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={canCreate && swarms.length > 0 ? <CreateSwarmLink /> : undefined} />
      <SwarmCards initialSwarms={swarms} canCreate={canCreate} />
    </>
  );
}
