// Which swarm the services pages show (?swarm=, else the first the user may see) and what the
// user may do there. Server only: pages call it before rendering.
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';

export type SwarmChoice = { id: string; name: string };

export type ServicesContext =
  | { ok: false; message: string }
  | {
      ok: true;
      actor: Actor;
      swarms: SwarmChoice[];
      /** The swarm shown; null when there is none, or ?swarm= names one the user cannot see. */
      swarm: SwarmChoice | null;
      unknownSwarm: boolean;
      canManage: boolean;
      canCreateSwarm: boolean;
    };

export async function servicesContext(searchParams: { swarm?: string | string[] }): Promise<ServicesContext> {
  const access = await pageAccess('service.view');
  if (!access.ok) return access;
  const swarms = (await listSwarms(getRuntime(), access.actor)).map(({ id, name }) => ({ id, name }));
  const wanted = typeof searchParams.swarm === 'string' && searchParams.swarm ? searchParams.swarm : null;
  const swarm = wanted ? swarms.find((s) => s.id === wanted) ?? null : swarms[0] ?? null;
  const target = swarm ? { type: 'swarm' as const, id: swarm.id } : undefined;
  if (target) {
    const scoped = await pageAccess('service.view', target);
    if (!scoped.ok) return scoped;
  }
  return {
    ok: true,
    actor: access.actor,
    swarms,
    swarm,
    unknownSwarm: !!wanted && !swarm,
    canManage: !!target && can(access.actor, 'service.manage', target),
    canCreateSwarm: can(access.actor, 'swarm.manage'),
  };
}
