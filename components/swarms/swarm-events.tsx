'use client';
// A swarm's live cluster events (nodes, services, secrets, configs, networks), read through one
// of its managers.
import { useTranslations } from 'next-intl';
import { EventsFeed } from '@/components/streams/events-feed.tsx';
import { SWARM_EVENT_TYPES } from '@/lib/models/events/events-feed.ts';

export function SwarmEvents({ swarmId }: { swarmId: string }) {
  const t = useTranslations('swarms.events');
  // One source: the feed names it by its manager ("Live through …"), never by this name.
  return <EventsFeed sources={[{ scope: { kind: 'swarm', swarmId }, name: swarmId }]} types={SWARM_EVENT_TYPES} title={t('title')} />;
}
