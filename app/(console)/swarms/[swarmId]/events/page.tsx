import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { validParams } from '@/app/(console)/_lib/page-params.ts';
import { SwarmEvents } from '@/components/swarms/swarm-events.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('swarms.pages'))('events.title') };
}

// A shell: events stream over the socket through a manager, where the feed is authorized (swarm.view).
export default async function SwarmEventsPage({ params }: { params: Promise<{ swarmId: string }> }) {
  const { swarmId } = await validParams(params, { swarmId: swarmIdSchema });
  const access = await pageAccess('swarm.view', { type: 'swarm', id: swarmId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const t = await getTranslations('swarms.pages.events');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={<TextLink href={`/swarms/${swarmId}`}>{t('back')}</TextLink>}
      />
      <SwarmEvents key={swarmId} swarmId={swarmId} />
    </>
  );
}
