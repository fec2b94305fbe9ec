import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { stackPageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { StackEdit } from '@/components/stacks/stack-edit.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { stackNameSchema } from '@/lib/schemas/stacks.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stacks.pages'))('edit.metaTitle') };
}

export default async function EditStackPage({ params }: { params: Promise<{ swarmId: string; stackName: string }> }) {
  // Stack names are [a-z0-9_-]: nothing to decode, and anything else is not a stack.
  const { swarmId, stackName } = await validParams(params, { swarmId: swarmIdSchema, stackName: stackNameSchema });
  const access = await pageAccess('stack.deploy', await stackPageTarget('stack.deploy', { swarmId, stackName }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const t = await getTranslations('stacks.pages.edit');
  return (
    <>
      <PageHeader title={t('title', { name: stackName })} description={t('description')} />
      <StackEdit key={`${swarmId}/${stackName}`} swarmId={swarmId} stackName={stackName} />
    </>
  );
}
