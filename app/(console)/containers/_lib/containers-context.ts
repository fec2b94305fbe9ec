// Which hosts the containers pages may show (?host=), and what the user may do on each. Server
// only (the runtime, the session): pages call it before rendering; the browser is told, never trusted.
import type { HostScope } from '@/components/containers/containers-shell.tsx';
import { choose } from '@/components/layout/sections.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE, reachesHost, visibleScopes } from '@/lib/auth/permissions.ts';
import { swarmOfHosts } from '@/lib/services/access/locate-target.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';

export type ContainersContext =
  | { ok: false; message: string }
  | (HostScope & {
      ok: true;
      actor: Actor;
      /** Host ids where the user may start, stop, create and remove. */
      manageHosts: string[];
      /** Host ids where the user may reveal environment values. */
      envHosts: string[];
    });

/** `perHost`: images, volumes, networks, stats and events show one host, the first when ?host= is absent. */
export async function containersContext(searchParams: { host?: string | string[] }, options: { perHost?: boolean } = {}): Promise<ContainersContext> {
  const access = await pageAccess('container.view', ANYWHERE);
  if (!access.ok) return access;
  const { actor } = access;
  // The hosts with something the user may see: granted themselves, or running tasks of a swarm or stack granted.
  const visible = visibleScopes(actor.grants, 'container.view');
  const swarmOf = visible !== 'all' && (visible.swarms.size > 0 || visible.stacks.size > 0) ? await swarmOfHosts(getRuntime()) : new Map<string, string>();
  const hosts = (await getRuntime().db.host.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })).filter((h) => reachesHost(visible, h.id, swarmOf.get(h.id) ?? null));
  const { chosen, unknown } = choose(hosts, searchParams.host, options.perHost ? 'first' : 'none');
  const hostsWhere = (permission: 'container.manage' | 'container.env') => hosts.filter((h) => can(actor, permission, { type: 'host', id: h.id })).map((h) => h.id);
  return {
    ok: true,
    actor,
    hosts,
    host: chosen,
    unknownHost: unknown,
    manageHosts: hostsWhere('container.manage'),
    envHosts: hostsWhere('container.env'),
    canAddHost: can(actor, 'host.create'),
  };
}
