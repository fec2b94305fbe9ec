// The pages of the per-host sections (projects, stats) are one shape: the frame with its
// host picker, and the section's view of the chosen host, rebuilt when the host changes. The
// sections across hosts (images, volumes, networks, events) are another: every host, or the one the
// picker names. Each page says only which section it is and what it shows.
import { getTranslations } from 'next-intl/server';
import { Fragment, type ReactNode } from 'react';
import { ContainersShell } from '@/components/containers/containers-shell.tsx';
import type { Choice, ContainerSection } from '@/components/layout/sections.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { containersContext, type ContainersContext } from './containers-context.ts';

type Context = Extract<ContainersContext, { ok: true }>;

type PageWords = Awaited<ReturnType<typeof getTranslations<'containers.pages'>>>;

/** `view` gets the chosen host, the context and the pages' words (containers.pages). */
export function hostSectionPage(section: ContainerSection, view: (host: Choice, ctx: Context, t: PageWords) => ReactNode) {
  return async function HostSectionPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
    const ctx = await containersContext(await searchParams, { perHost: true });
    const t = await getTranslations('containers.pages');
    if (!ctx.ok) return <Forbidden message={ctx.message} />;
    return (
      <ContainersShell ctx={ctx} section={section}>
        {ctx.host && <Fragment key={ctx.host.id}>{view(ctx.host, ctx, t)}</Fragment>}
      </ContainersShell>
    );
  };
}

/** A section across hosts: `view` gets the host the picker names (null: every host), the context and the pages' words. */
export function acrossHostsPage(section: ContainerSection, view: (host: Choice | null, ctx: Context, t: PageWords) => ReactNode) {
  return async function AcrossHostsPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
    const ctx = await containersContext(await searchParams);
    const t = await getTranslations('containers.pages');
    if (!ctx.ok) return <Forbidden message={ctx.message} />;
    return (
      <ContainersShell ctx={ctx} section={section}>
        <Fragment key={ctx.host?.id ?? 'all'}>{view(ctx.host, ctx, t)}</Fragment>
      </ContainersShell>
    );
  };
}
