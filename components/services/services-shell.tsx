// The frame of every services page: title, swarm picker, section tabs, and what to say when there
// is no swarm to show.
import { Network } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import type { ServicesContext } from './services-context.ts';
import { SECTIONS, type Section } from './sections.ts';
import { SectionTabs, SwarmPicker } from './services-nav.tsx';

const DESCRIPTIONS: Record<Section, string> = {
  services: 'Swarm services across the cluster, live.',
  secrets: 'Sensitive data given to services as files. Values are never shown again once stored.',
  configs: 'Non-sensitive files given to services.',
  networks: 'Overlay networks that connect services across nodes.',
  volumes: "Each node's local volumes. Volumes live on one engine, not on the swarm.",
};

export function ServicesShell({ ctx, section, actions, children }: { ctx: Extract<ServicesContext, { ok: true }>; section: Section; actions?: ReactNode; children: ReactNode }) {
  const title = SECTIONS.find((s) => s.key === section)!.label;
  if (ctx.swarms.length === 0) {
    return (
      <>
        <PageHeader title={title} description={DESCRIPTIONS[section]} />
        <EmptyState
          icon={<Network className="size-8" />}
          title="No swarm yet"
          action={
            ctx.canCreateSwarm ? (
              <Link href="/swarms/new" className="inline-flex h-9 items-center rounded-md bg-accent px-4 font-medium text-accent-fg hover:opacity-90">
                Create a swarm
              </Link>
            ) : undefined
          }
        >
          <p>Services, secrets, configs, networks and volumes belong to a swarm. {ctx.canCreateSwarm ? 'Create one from a registered host first.' : 'An operator or administrator can create one.'}</p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} description={DESCRIPTIONS[section]} actions={ctx.swarm ? actions : undefined} />
      {ctx.swarms.length > 1 && (
        <div className="mb-4">
          <SwarmPicker swarms={ctx.swarms} swarmId={ctx.swarm?.id ?? null} />
        </div>
      )}
      {ctx.swarm ? (
        <>
          <SectionTabs swarmId={ctx.swarm.id} current={section} />
          {children}
        </>
      ) : (
        <EmptyState title="Wharf does not know this swarm">
          It may have been dissolved, or you may not see it. Pick one of your swarms above.
        </EmptyState>
      )}
    </>
  );
}
