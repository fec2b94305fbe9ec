// What travels between replicas on the change relay's NOTIFY channel: the sender's replica id and
// the change (kinds and ids only, far below NOTIFY's 8000-byte limit). Pure: read back with a
// schema, since anything that can NOTIFY on the database could send it.
import 'server-only';
import { z } from 'zod';
import type { Change } from './change-feed.ts';

/** NOTIFY refuses payloads of 8000 bytes or more. */
export const NOTIFY_PAYLOAD_LIMIT = 8000;

const id = z.string().min(1).max(200);
const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('host.added'), hostId: id }),
  z.object({ type: z.literal('host.updated'), hostId: id }),
  z.object({ type: z.literal('host.removed'), hostId: id }),
  z.object({ type: z.literal('host.engine-changed'), hostId: id }),
  z.object({ type: z.literal('user.access-changed'), userId: id }),
  z.object({ type: z.literal('provision.updated'), jobId: id }),
  z.object({ type: z.literal('provision.cancel-requested'), jobId: id, replicaId: id, byName: id }),
]);
const relayedSchema = z.object({ from: id, change: changeSchema });

export type RelayedChange = { from: string; change: Change };

/** The payload to NOTIFY, or null when it would not fit (a change is never that big: a bug, said by the caller). */
export function encodeRelayed(from: string, change: Change): string | null {
  const payload = JSON.stringify({ from, change });
  return Buffer.byteLength(payload) < NOTIFY_PAYLOAD_LIMIT ? payload : null;
}

/** The change another replica sent, or null for our own, malformed or unknown payloads. */
export function decodeRelayed(payload: string | undefined, self: string): Change | null {
  if (!payload) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  const result = relayedSchema.safeParse(parsed);
  if (!result.success || result.data.from === self) return null;
  return result.data.change as Change;
}
