// Which swarm the services pages show (?swarm=, else the first the user may see) and what the
// user may do there. Server only (the runtime, the session): pages call it before rendering.
import { choose } from '@/components/layout/sections.ts';
import type { SwarmScope } from '@/components/services/services-shell.tsx';
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';

export type ServicesContext =
  | { ok: false; message: string }
  | (SwarmScope & {
      ok: true;
      actor: Actor;
      /** ?swarm= names one the user cannot see (or that is gone). */
      unknownSwarm: boolean;
      canManage: boolean;
      /** May reveal environment values and config contents (service.env). */
      canReveal: boolean;
    });

export async function servicesContext(searchParams: { swarm?: string | string[] }): Promise<ServicesContext> {
  const access = await pageAccess('service.view', ANYWHERE);
  if (!access.ok) return access;
  const swarms = (await listSwarms(getRuntime(), access.actor)).map(({ id, name }) => ({ id, name }));
  const { chosen: swarm, unknown } = choose(swarms, searchParams.swarm, 'first');
  const target = swarm ? { type: 'swarm' as const, id: swarm.id } : undefined;
  if (swarm) {
    // The swarm's services, or those of its stacks granted: the list keeps only what the grants reach.
    const scoped = await pageAccess('service.view', { type: 'in-swarm', id: swarm.id });
    if (!scoped.ok) return scoped;
  }
  return {
    ok: true,
    actor: access.actor,
    swarms,
    swarm,
    unknownSwarm: unknown,
    canManage: !!target && can(access.actor, 'service.manage', target),
    canReveal: !!target && can(access.actor, 'service.env', target),
    canCreateSwarm: can(access.actor, 'swarm.manage'),
  };
}
