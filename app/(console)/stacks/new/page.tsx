import { StackForm } from '@/components/stacks/stack-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';

export const metadata = { title: 'Deploy a stack' };

export default async function NewStackPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[]; name?: string | string[] }> }) {
  const { swarm, name } = await searchParams;
  const initialSwarmId = typeof swarm === 'string' && swarmIdSchema.safeParse(swarm).success ? swarm : null;
  const access = await pageAccess('stack.deploy', initialSwarmId ? { type: 'in-swarm', id: initialSwarmId } : { type: 'anywhere' });
  if (!access.ok) return <Forbidden message={access.message} />;
  const swarms = await listSwarms(getRuntime(), access.actor);
  return (
    <>
      <PageHeader title="Deploy a stack" description="A compose file, deployed to the swarm as docker stack deploy --prune would. Every deploy is kept as a revision." />
      <StackForm mode="new" initialSwarms={swarms} initialSwarmId={initialSwarmId} initialName={typeof name === 'string' ? name : undefined} />
    </>
  );
}
