// Audit rows name their target by the id the change was made with (a swarm's cluster id, a host's
// row id); the page shows the name first and keeps the id for hover and detail. Names are looked up
// when the page is read, never written into the rows (the chain of hashes covers what was stored),
// and only for targets the reader may see: a refusal on a swarm the reader cannot see must not tell
// them its name. Pure.

/** Kinds of target whose names Wharf keeps (swarm names, host names). */
export const NAMED_TARGETS = ['swarm', 'host'] as const;
export type NamedTarget = (typeof NAMED_TARGETS)[number];

type Row = { targetType: string | null; targetId: string | null; targetName: string | null };

/** `names`: the names of the targets the reader may see, by kind and id. */
export type TargetNames = Record<NamedTarget, ReadonlyMap<string, string>>;

const isNamed = (type: string | null): type is NamedTarget => (NAMED_TARGETS as readonly string[]).includes(type ?? '');

/** The ids to look up: every swarm and host id the rows name, directly or in a task's description ("on swarm <id>"). */
export function targetIdsToName(rows: readonly Row[]): Record<NamedTarget, Set<string>> {
  const ids: Record<NamedTarget, Set<string>> = { swarm: new Set(), host: new Set() };
  for (const row of rows) {
    if (isNamed(row.targetType) && row.targetId) ids[row.targetType].add(row.targetId);
    for (const match of (row.targetName ?? '').matchAll(/\bon swarm (\S+)/g)) ids.swarm.add(match[1]!);
  }
  return ids;
}

/** The rows with names where only an id was stored, and "on swarm <id>" read as the swarm's name; ids stay in targetId. */
export function nameTargets<T extends Row>(rows: readonly T[], names: TargetNames): T[] {
  return rows.map((row) => {
    let targetName = row.targetName;
    if (!targetName && isNamed(row.targetType) && row.targetId) targetName = names[row.targetType].get(row.targetId) ?? null;
    if (targetName) targetName = targetName.replace(/\bon swarm (\S+)/g, (whole, id: string) => (names.swarm.has(id) ? `on swarm ${names.swarm.get(id)}` : whole));
    return targetName === row.targetName ? row : { ...row, targetName };
  });
}
