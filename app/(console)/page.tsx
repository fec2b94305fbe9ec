import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { SwarmDigest } from '@/components/dashboard/swarm-digest.tsx';
import { UsageHistory } from '@/components/dashboard/usage-history.tsx';
import { RecentEvents } from '@/components/dashboard/recent-events.tsx';
import { readRecentEvents } from '@/lib/services/dashboard/read-recent-events.ts';
import { Waiting } from '@/components/ui/query-state.tsx';
import { SectionBoundary } from '@/components/ui/section-boundary.tsx';
import type { Actor } from '@/lib/auth/actor.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { attentionItems, failingTasks, swarmCards } from '@/lib/models/dashboard/dashboard-digest.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { readSwarmDigests } from '@/lib/services/dashboard/read-swarm-digests.ts';
import { HostCards } from '@/components/hosts/host-cards.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dashboard'))('title') };
}

// Everyone lands here after signing in. Someone whose grants show no hosts (a team member granted a
// stack, a custom role on containers) is told where to go instead of being refused.
export default async function DashboardPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const t = await getTranslations('dashboard');
  if (!can(actor, 'host.view', ANYWHERE)) {
    return (
      <>
        <PageHeader title={t('title')} description={t('description')} />
        <EmptyState title={t('noHostsTitle')}>
          {t.rich('noHostsText', {
            stacks: (chunks) => <TextLink href="/stacks">{chunks}</TextLink>,
            services: (chunks) => <TextLink href="/services">{chunks}</TextLink>,
            containers: (chunks) => <TextLink href="/containers">{chunks}</TextLink>,
          })}
        </EmptyState>
      </>
    );
  }
  // The list keeps only the hosts the grants show (the same function as every door).
  const hosts = await listHosts(getRuntime(), actor, await requestLocale());
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <HostCards initialHosts={hosts} canAdd={can(actor, 'host.create')} />
      <UsageHistory />
      {/* Swarms are read from their managers: the host cards do not wait for them. */}
      {/* A part that fails says so where it would be; the rest of the dashboard stays. */}
      <SectionBoundary what={t('swarms.title')}>
        <Suspense fallback={<Waiting what={t('swarms.waiting')} />}>
          <Swarms actor={actor} hosts={hosts} />
        </Suspense>
      </SectionBoundary>
      {/* Events are read from each engine (a few at a time): nothing above waits for them. */}
      <SectionBoundary what={t('events.title')}>
        <Suspense fallback={<Waiting what={t('events.waiting')} />}>
          <Events actor={actor} />
        </Suspense>
      </SectionBoundary>
    </>
  );
}

async function Events({ actor }: { actor: Actor }) {
  return <RecentEvents events={await readRecentEvents(getRuntime(), actor)} />;
}

async function Swarms({ actor, hosts }: { actor: Actor; hosts: HostView[] }) {
  const locale = await requestLocale();
  const read = await readSwarmDigests(getRuntime(), actor);
  const swarms = read.map((s) => ({ ...s, unreadable: s.unreadable === null ? null : typeof s.unreadable === 'string' ? s.unreadable : renderMessage(s.unreadable, locale) }));
  return <SwarmDigest attention={attentionItems(hosts, swarms)} failing={failingTasks(swarms)} swarms={swarmCards(swarms)} canCreateSwarm={can(actor, 'swarm.manage')} />;
}
