// The frame of every containers page (containers, images, volumes, networks, stats, events):
// title, host picker, section tabs, and what to say when there is no host to show.
import { Server } from 'lucide-react';
import type { ReactNode } from 'react';
import { NoHostsYet } from '@/components/hosts/no-hosts-yet.tsx';
import { ScopePicker } from '@/components/layout/scope-picker.tsx';
import { SectionShell } from '@/components/layout/section-shell.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { CONTAINER_SECTIONS, sectionOf, type Choice, type ContainerSection } from '@/components/layout/sections.ts';
import { ButtonLink } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';

/** What the pages' server helper tells the frame (app/(console)/containers/_lib/containers-context.ts). */
export type HostScope = { hosts: Choice[]; host: Choice | null; unknownHost: boolean; canAddHost: boolean };

export function ContainersShell({ ctx, section, actions, children }: { ctx: HostScope; section: ContainerSection; actions?: ReactNode; children: ReactNode }) {
  const { label, description, perHost } = sectionOf(CONTAINER_SECTIONS, section);
  const hostId = ctx.host?.id ?? null;
  return (
    <SectionShell
      title={label}
      description={description}
      actions={actions}
      empty={
        ctx.hosts.length === 0 && (
          <NoHostsYet action={ctx.canAddHost ? <ButtonLink href="/hosts/new">Add a host</ButtonLink> : undefined}>
            <p>Containers, images, volumes and networks live on Docker hosts. {ctx.canAddHost ? 'Add one first: a local socket, TCP with TLS, or SSH.' : 'An operator or administrator can add one.'}</p>
          </NoHostsYet>
        )
      }
      picker={<ScopePicker label="Host" param="host" choices={ctx.hosts} value={hostId} allLabel={perHost ? undefined : 'All hosts'} />}
      tabs={<SectionTabs label="Container sections" sections={CONTAINER_SECTIONS} current={section} scope={{ param: 'host', id: hostId }} />}
      notice={
        ctx.unknownHost ? (
          <EmptyState title="Wharf does not know this host">It may have been removed, or you may not see it. Pick one of your hosts above.</EmptyState>
        ) : (
          perHost &&
          !ctx.host && (
            <EmptyState icon={<Server className="size-8" />} title="Pick a host">
              {label} are read from one engine at a time. Pick a host above.
            </EmptyState>
          )
        )
      }
    >
      {children}
    </SectionShell>
  );
}
