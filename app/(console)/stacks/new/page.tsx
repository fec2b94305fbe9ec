import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { GitStackForm } from '@/components/stacks/git-stack-form.tsx';
import { NewStackSource } from '@/components/stacks/new-stack-source.tsx';
import { StackForm } from '@/components/stacks/stack-form.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';
import { listOwnTeams } from '@/lib/services/access/owner-for-create.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stacks.pages'))('new.title') };
}

export default async function NewStackPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[]; name?: string | string[] }> }) {
  const { swarm, name } = await searchParams;
  const initialSwarmId = typeof swarm === 'string' && swarmIdSchema.safeParse(swarm).success ? swarm : null;
  const access = await pageAccess('stack.deploy', initialSwarmId ? { type: 'in-swarm', id: initialSwarmId } : { type: 'anywhere' });
  if (!access.ok) return <Forbidden message={access.message} />;
  const [swarms, ownerTeams] = await Promise.all([listSwarms(getRuntime(), access.actor), listOwnTeams(getRuntime(), access.actor)]);
  const t = await getTranslations('stacks.pages.new');
  const tGit = await getTranslations('gitStacks.pages');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <NewStackSource
        editor={<StackForm mode="new" initialSwarms={swarms} initialSwarmId={initialSwarmId} initialName={typeof name === 'string' ? name : undefined} ownerTeams={ownerTeams} />}
        git={
          <Card title={tGit('newFromGit')} className="max-w-3xl">
            <GitStackForm initialSwarms={swarms} initialSwarmId={initialSwarmId} ownerTeams={ownerTeams} />
          </Card>
        }
      />
    </>
  );
}
