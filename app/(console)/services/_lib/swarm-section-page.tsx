// The pages of the services area (services, secrets, configs, networks, volumes) are one shape:
// the frame with its swarm picker, and the section's view of the chosen swarm, rebuilt when the
// swarm changes. Each page says only which section it is, what it shows, and any header action.
import { Fragment, type ReactNode } from 'react';
import type { Choice, ServiceSection } from '@/components/layout/sections.ts';
import { ServicesShell } from '@/components/services/services-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { servicesContext, type ServicesContext } from './services-context.ts';

type Context = Extract<ServicesContext, { ok: true }>;
type View = (swarm: Choice, ctx: Context) => ReactNode;

export function swarmSectionPage(section: ServiceSection, view: View, actions?: View) {
  return async function SwarmSectionPage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
    const ctx = await servicesContext(await searchParams);
    if (!ctx.ok) return <Forbidden message={ctx.message} />;
    return (
      <ServicesShell ctx={ctx} section={section} actions={ctx.swarm && actions?.(ctx.swarm, ctx)}>
        {ctx.swarm && <Fragment key={ctx.swarm.id}>{view(ctx.swarm, ctx)}</Fragment>}
      </ServicesShell>
    );
  };
}
