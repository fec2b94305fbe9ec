// Which hosts the containers pages may show (?host=), and what the user may do on each. Server
// only: pages call it before rendering; the browser is told, never trusted.
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { visibleHosts } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';

export type HostChoice = { id: string; name: string };

export type ContainersContext =
  | { ok: false; message: string }
  | {
      ok: true;
      actor: Actor;
      hosts: HostChoice[];
      /** The host chosen by ?host=; null for all hosts, or when ?host= names one the user cannot see. */
      host: HostChoice | null;
      unknownHost: boolean;
      /** Host ids where the user may start, stop, create and remove. */
      manageHosts: string[];
      /** Host ids where the user may reveal environment values. */
      envHosts: string[];
      canAddHost: boolean;
    };

/** `perHost`: images, volumes and networks show one host, the first when ?host= is absent. */
export async function containersContext(searchParams: { host?: string | string[] }, options: { perHost?: boolean } = {}): Promise<ContainersContext> {
  const access = await pageAccess('container.view');
  if (!access.ok) return access;
  const visible = visibleHosts(access.actor.grants, 'container.view');
  const hosts = await getRuntime().db.host.findMany({
    where: visible === 'all' ? {} : { id: { in: [...visible] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
  const wanted = typeof searchParams.host === 'string' && searchParams.host ? searchParams.host : null;
  const host = wanted ? hosts.find((h) => h.id === wanted) ?? null : options.perHost ? hosts[0] ?? null : null;
  return {
    ok: true,
    actor: access.actor,
    hosts,
    host,
    unknownHost: !!wanted && !host,
    manageHosts: hosts.filter((h) => can(access.actor, 'container.manage', { type: 'host', id: h.id })).map((h) => h.id),
    envHosts: hosts.filter((h) => can(access.actor, 'container.env', { type: 'host', id: h.id })).map((h) => h.id),
    canAddHost: can(access.actor, 'host.create'),
  };
}
