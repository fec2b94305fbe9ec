import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { stackTarget } from '@/lib/models/access/containment.ts';
import { StackDetail } from '@/components/stacks/stack-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { stackNameSchema } from '@/lib/schemas/stacks.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stacks.pages'))('detail.title') };
}

// The stack itself is read in the browser: a manager that does not answer must not hold the page.
export default async function StackPage({ params }: { params: Promise<{ swarmId: string; stackName: string }> }) {
  // Stack names are [a-z0-9_-]: nothing to decode, and anything else is not a stack.
  const { swarmId, stackName } = await validParams(params, { swarmId: swarmIdSchema, stackName: stackNameSchema });
  const access = await pageAccessOn('stack.view', stackTarget(swarmId, stackName));
  if (!access.ok) return <Forbidden message={access.message} />;
  return <StackDetail key={`${swarmId}/${stackName}`} swarmId={swarmId} stackName={stackName} canDeploy={access.can('stack.deploy')} canScale={access.can('service.manage')} />;
}
