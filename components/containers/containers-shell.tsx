// The frame of every containers page: title, host picker, section tabs, and what to say when there
// is no host to show.
import { Server } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import type { ContainersContext } from './containers-context.ts';
import { CONTAINER_SECTIONS, type ContainerSection } from './container-sections.ts';
import { HostPicker, SectionTabs } from './containers-nav.tsx';

const DESCRIPTIONS: Record<ContainerSection, string> = {
  containers: 'Containers on every host, live.',
  images: "A host's images: pull, remove, prune.",
  volumes: "A host's volumes and the containers using them.",
  networks: "A host's networks and the containers attached to them.",
};

export function ContainersShell({ ctx, section, actions, children }: { ctx: Extract<ContainersContext, { ok: true }>; section: ContainerSection; actions?: ReactNode; children: ReactNode }) {
  const title = CONTAINER_SECTIONS.find((s) => s.key === section)!.label;
  if (ctx.hosts.length === 0) {
    return (
      <>
        <PageHeader title={title} description={DESCRIPTIONS[section]} />
        <EmptyState
          icon={<Server className="size-8" />}
          title="No hosts yet"
          action={
            ctx.canAddHost ? (
              <Link href="/hosts/new" className="inline-flex h-9 items-center rounded-md bg-accent px-4 font-medium text-accent-fg hover:opacity-90">
                Add a host
              </Link>
            ) : undefined
          }
        >
          <p>Containers, images, volumes and networks live on Docker hosts. {ctx.canAddHost ? 'Add one first: a local socket, TCP with TLS, or SSH.' : 'An operator or administrator can add one.'}</p>
        </EmptyState>
      </>
    );
  }
  const perHost = section !== 'containers';
  return (
    <>
      <PageHeader title={title} description={DESCRIPTIONS[section]} actions={actions} />
      <div className="mb-4">
        <HostPicker hosts={ctx.hosts} hostId={ctx.host?.id ?? null} allowAll={!perHost} />
      </div>
      <SectionTabs hostId={ctx.host?.id ?? null} current={section} />
      {ctx.unknownHost ? (
        <EmptyState title="Wharf does not know this host">It may have been removed, or you may not see it. Pick one of your hosts above.</EmptyState>
      ) : perHost && !ctx.host ? (
        <EmptyState icon={<Server className="size-8" />} title="Pick a host">
          Images, volumes and networks belong to one engine. Pick a host above.
        </EmptyState>
      ) : (
        children
      )}
    </>
  );
}
