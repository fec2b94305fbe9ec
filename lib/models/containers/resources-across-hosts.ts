// Images, volumes and networks of several hosts in one list: each row knows its host, a key unique
// across hosts (the same image id is on many engines), and the table's filter and sort. Pure.

export type OnHost<T> = T & { hostId: string; hostName: string; key: string };

/** One host's rows, each with that host and a key unique across hosts. */
export function withHostOf<T>(rows: readonly T[], host: { id: string; name: string }, idOf: (row: T) => string): OnHost<T>[] {
  return rows.map((row) => ({ ...row, hostId: host.id, hostName: host.name, key: `${host.id}/${idOf(row)}` }));
}

export type ResourceSortKey = 'name' | 'host';
export type ResourceSort = { key: ResourceSortKey; dir: 'asc' | 'desc' };

/** Rows whose name contains `text` (any case); all when it is blank. */
export function filterByName<T>(rows: readonly T[], text: string | undefined, nameOf: (row: T) => string): T[] {
  const wanted = text?.trim().toLowerCase();
  return wanted ? rows.filter((r) => nameOf(r).toLowerCase().includes(wanted)) : [...rows];
}

/**
 * Sorted by name then host, or by host then name. The hosts' own order of their rows (dangling
 * images, anonymous volumes and built-in networks grouped) is kept among equal names.
 */
export function sortOnHosts<T extends { hostName: string }>(rows: readonly T[], sort: ResourceSort, nameOf: (row: T) => string): T[] {
  const order = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: T, b: T) => nameOf(a).localeCompare(nameOf(b));
  const byHost = (a: T, b: T) => a.hostName.localeCompare(b.hostName);
  const [first, second] = sort.key === 'host' ? [byHost, byName] : [byName, byHost];
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => order * (first(a.row, b.row) || second(a.row, b.row)) || a.index - b.index)
    .map((r) => r.row);
}
