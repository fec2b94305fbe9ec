// The frame of the per-host live pages (stats, events): title, host picker, section tabs, and
// what to say when there is no host to show. Like ContainersShell, for sections outside its list.
import { Server } from 'lucide-react';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import type { ContainersContext } from '../containers/containers-context.ts';
import { HostPicker, SectionTabs } from '../containers/containers-nav.tsx';

export function LiveHostShell({ ctx, section, title, description, children }: { ctx: Extract<ContainersContext, { ok: true }>; section: 'stats' | 'events'; title: string; description: string; children: ReactNode }) {
  if (ctx.hosts.length === 0) {
    return (
      <>
        <PageHeader title={title} description={description} />
        <EmptyState icon={<Server className="size-8" />} title="No hosts yet">
          <p>Stats and events come from Docker hosts. Add one first.</p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} description={description} />
      <div className="mb-4">
        <HostPicker hosts={ctx.hosts} hostId={ctx.host?.id ?? null} allowAll={false} />
      </div>
      <SectionTabs hostId={ctx.host?.id ?? null} current={section} />
      {ctx.unknownHost ? (
        <EmptyState title="Wharf does not know this host">It may have been removed, or you may not see it. Pick one of your hosts above.</EmptyState>
      ) : !ctx.host ? (
        <EmptyState icon={<Server className="size-8" />} title="Pick a host">
          Pick a host above.
        </EmptyState>
      ) : (
        children
      )}
    </>
  );
}
