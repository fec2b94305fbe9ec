// What a destination receives for one audit entry: every field of the chain's canonical form
// (lib/audit/audit-chain.ts), its number (the entry id, which follows the chain), its hash and the
// hash it follows, so a receiver can recompute and check the chain on its own. Pure.
import 'server-only';
import { CHAIN_VERSION, type ChainRow } from '@/lib/audit/audit-chain.ts';

/** The entry's own fields as the chain has them, and what a receiver needs beside them. */
export type ForwardRecord = Pick<ChainRow, 'actorId' | 'actorName' | 'ip' | 'action' | 'targetType' | 'targetId' | 'targetName' | 'result' | 'message' | 'hash'> & {
  chain: typeof CHAIN_VERSION;
  number: string;
  previousHash: string;
  /** ISO 8601 with milliseconds; the canonical form uses the same instant in ms (`atMs`). */
  at: string;
  atMs: number;
  settles: string | null;
};

export function forwardRecordOf(row: ChainRow, previousHash: string): ForwardRecord {
  return {
    chain: CHAIN_VERSION,
    number: row.id.toString(),
    previousHash,
    hash: row.hash,
    at: row.at.toISOString(),
    atMs: row.at.getTime(),
    actorId: row.actorId,
    actorName: row.actorName,
    ip: row.ip,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: row.targetName,
    result: row.result,
    message: row.message,
    settles: row.settles === null ? null : row.settles.toString(),
  };
}

/** Records built from rows read in chain order: each follows the one before, the first follows `previousHash`. */
export function forwardRecordsOf(rows: readonly ChainRow[], previousHash: string): ForwardRecord[] {
  let previous = previousHash;
  return rows.map((row) => {
    const record = forwardRecordOf(row, previous);
    previous = row.hash;
    return record;
  });
}

/** One line of sentence for people reading the receiver's log (the fields carry the rest). */
export function describeRecord(record: Pick<ForwardRecord, 'actorName' | 'action' | 'targetType' | 'targetName' | 'targetId' | 'result' | 'message'>): string {
  const target = record.targetName ?? record.targetId;
  const on = record.targetType ? ` ${record.targetType}${target ? ` ${target}` : ''}` : '';
  return `${record.actorName}: ${record.action}${on}: ${record.result}${record.message ? ` (${record.message})` : ''}`;
}
