// Which managers of a swarm without quorum answer. Host status comes from the inventory, which
// notices a stopped engine only at its next heartbeat (and a swarm event can make it re-read a host
// just as it stops), so the no-quorum view asks each manager's engine itself and lets that answer
// decide: a manager whose engine did not answer is unreachable now, whatever the stored status
// says; one that answered is up. Pure.

export type StoredManager = { hostId: string; hostName: string; status: string; statusReason: string | null };

/** `answered`: for each manager's host id, whether its engine answered the view's own call (absent: not asked). */
export function managersAsProbed(stored: readonly StoredManager[], answered: ReadonlyMap<string, boolean>): StoredManager[] {
  return stored.map((m) => {
    const answer = answered.get(m.hostId);
    if (answer === undefined) return m;
    if (answer) return { ...m, status: 'up', statusReason: null };
    return { ...m, status: 'unreachable', statusReason: m.status === 'unreachable' ? m.statusReason : null };
  });
}
