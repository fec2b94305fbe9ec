// What the grant form (and the API token form) offers: the roles, and the hosts and swarms the
// actor can see. The service that makes the grant or token decides what may be given; this only
// fills the choices.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { ANYWHERE, isAllowed, visibleScopes, reachesSwarm } from '@/lib/auth/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { listRoles } from './manage-roles.ts';

/** The roles (but `none`), and the hosts, swarms and registries the actor sees. */
export async function scopeOptions(deps: Pick<ServiceDeps, 'db'>, actor: Actor) {
  const [roles, hosts, swarms, registries] = await Promise.all([
    listRoles(deps),
    deps.db.host.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    deps.db.swarm.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    deps.db.registry.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  const seesHosts = visibleScopes(actor.grants, 'host.view');
  const seesSwarms = visibleScopes(actor.grants, 'swarm.view');
  return {
    roles: roles.filter((r) => r.key !== 'none').map((r) => ({ key: r.key, name: r.name })),
    hosts: hosts.filter((h) => seesHosts === 'all' || seesHosts.hosts.has(h.id)),
    swarms: swarms.filter((s) => reachesSwarm(seesSwarms, s.id)),
    registries: registries.filter((r) => isAllowed(actor.grants, 'registry.view', { type: 'registry', id: r.id })),
  };
}

export async function grantOptions(deps: Pick<ServiceDeps, 'db'>, actor: Actor) {
  const options = await scopeOptions(deps, actor);
  return { ...options, roles: isAllowed(actor.grants, 'team.manage', ANYWHERE) ? options.roles : [] };
}
