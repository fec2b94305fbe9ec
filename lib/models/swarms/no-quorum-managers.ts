// Which managers of a swarm without quorum answer, as the no-quorum view says it. A host's stored
// status comes from the host monitor, which notices a stopped engine only at its next heartbeat or
// stream end, so the view asks each manager's engine itself (a short ping through the gateway) and
// lets that answer decide: a manager whose engine did not answer is unreachable now, with the
// reason its call failed; one that answered is up. Hosts whose stored status the answers
// contradict are named, so the host monitor can look again at once. Pure.

export type StoredManager = { hostId: string; hostName: string; status: string; statusReason: string | null };

/** What the view's own call to a manager's engine found (`reason`: why it failed, said for the reader). */
export type ManagerProbe = { answered: true } | { answered: false; reason: string };

export type ProbedManagers = {
  managers: StoredManager[];
  /** Host ids whose stored status the probes contradict (the host monitor should look again). */
  stale: string[];
};

/** `probes`: for each manager's host id, what its engine said to the view's call (absent: not asked, left as stored). */
export function managersAsProbed(stored: readonly StoredManager[], probes: ReadonlyMap<string, ManagerProbe>): ProbedManagers {
  const stale: string[] = [];
  const managers = stored.map((m): StoredManager => {
    const probe = probes.get(m.hostId);
    if (!probe) return m;
    const status = probe.answered ? 'up' : 'unreachable';
    if (status !== m.status) stale.push(m.hostId);
    return { ...m, status, statusReason: probe.answered ? null : probe.reason };
  });
  return { managers, stale };
}
