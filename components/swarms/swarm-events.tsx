'use client';
// A swarm's live cluster events (nodes, services, secrets, configs, networks), read through one
// of its managers.
import { useTranslations } from 'next-intl';
import { EventsFeed } from '@/components/streams/events-feed.tsx';
import { SWARM_EVENT_TYPES } from '@/lib/models/events/events-feed.ts';

export function SwarmEvents({ swarmId }: { swarmId: string }) {
  const t = useTranslations('swarms.events');
  return <EventsFeed scope={{ kind: 'swarm', swarmId }} types={SWARM_EVENT_TYPES} title={t('title')} />;
}
