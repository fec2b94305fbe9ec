// What retention must keep for forwarding: every entry after the lowest cursor of the enabled
// destinations. A disabled destination holds nothing back (the page says so; the gap is recorded
// when it is enabled again).
import 'server-only';
import type { Db } from '@/lib/db/client.ts';

/** The lowest cursor of the enabled destinations, or null when none is enabled. */
export async function forwardingHold(db: Pick<Db, 'auditDestination'>): Promise<bigint | null> {
  const { _min } = await db.auditDestination.aggregate({ where: { enabled: true }, _min: { deliveredThrough: true } });
  return _min.deliveredThrough;
}
