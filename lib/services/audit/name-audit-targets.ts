// The audit page's rows with their swarm and host targets named (lib/models/audit/audit-target-names.ts),
// for the targets the reader may see only.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { nameTargets, targetIdsToName } from '@/lib/models/audit/audit-target-names.ts';
import type { ServiceDeps } from '../deps.ts';
import type { AuditRow } from './list-audit-entries.ts';

export async function nameAuditTargets(deps: Pick<ServiceDeps, 'db'>, actor: Actor, rows: AuditRow[]): Promise<AuditRow[]> {
  const ids = targetIdsToName(rows);
  const [swarms, hosts] = await Promise.all([
    ids.swarm.size ? deps.db.swarm.findMany({ where: { id: { in: [...ids.swarm] } }, select: { id: true, name: true } }) : [],
    ids.host.size ? deps.db.host.findMany({ where: { id: { in: [...ids.host] } }, select: { id: true, name: true } }) : [],
  ]);
  const seen = <T extends { id: string; name: string }>(list: T[], may: (id: string) => boolean) => new Map(list.filter((r) => may(r.id)).map((r) => [r.id, r.name]));
  return nameTargets(rows, {
    swarm: seen(swarms, (id) => isAllowed(actor.grants, 'swarm.view', { type: 'in-swarm', id })),
    host: seen(hosts, (id) => isAllowed(actor.grants, 'host.view', { type: 'host', id })),
  });
}
