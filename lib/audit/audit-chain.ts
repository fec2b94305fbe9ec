// The audit hash chain, in TypeScript: the canonical form of an entry, its hash, and a verifier
// that walks entries in id order from a checkpoint. The database computes the same hashes as
// rows are inserted (trigger wharf_audit_append in the audit_hash_chain migration); the tests
// pin both to the same values. Pure (no I/O); lib/services/audit/verify-audit-chain.ts feeds it.
//
// canonical(row) = 'wharf.audit.v1', then for each field in CANONICAL_FIELDS order a newline and
// either '-' (null) or '<length in UTF-8 bytes>:<value>'; numbers in decimal, `at` in
// milliseconds since the epoch. hash(row) = hex(SHA-256(previous hash + '\n' + canonical(row))).
// The length prefixes make the form unambiguous whatever a value contains.
import 'server-only';
import { createHash } from 'node:crypto';
import { msg, type Message } from '@/lib/i18n/message.ts';

export const CHAIN_VERSION = 'wharf.audit.v1';
/** The hash the first entry after the start of the chain follows. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainRow = {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  result: string;
  message: string | null;
  settles: bigint | null;
  hash: string;
};

export const CANONICAL_FIELDS = ['id', 'at', 'actorId', 'actorName', 'ip', 'action', 'targetType', 'targetId', 'targetName', 'result', 'message', 'settles'] as const;

const field = (value: string | null): string => (value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`);

function text(row: Omit<ChainRow, 'hash'>, name: (typeof CANONICAL_FIELDS)[number]): string | null {
  const value = row[name];
  if (value === null) return null;
  if (value instanceof Date) return String(value.getTime());
  return typeof value === 'bigint' ? value.toString() : value;
}

export function canonicalAuditRow(row: Omit<ChainRow, 'hash'>): string {
  return [CHAIN_VERSION, ...CANONICAL_FIELDS.map((name) => field(text(row, name)))].join('\n');
}

export function chainHash(previous: string, row: Omit<ChainRow, 'hash'>): string {
  return createHash('sha256').update(`${previous}\n${canonicalAuditRow(row)}`, 'utf8').digest('hex');
}

/** Where a walk starts: the newest checkpoint (the start of the chain, or a retention cut). */
export type ChainStart = { throughId: bigint; hash: string };
/** The head as recorded with the newest insert: the last row a walk must reach. */
export type ChainHead = { lastId: bigint; hash: string };

export type ChainVerdict =
  | { intact: true; checkedRows: number; from: bigint; through: bigint | null }
  | { intact: false; checkedRows: number; from: bigint; through: bigint | null; brokenAt: bigint; reason: Message };

/**
 * Verifies rows fed in id order (in batches, through `push`) against the chain from `start` up to
 * `head`. The first row that does not follow is named; nothing after it is judged.
 */
export class ChainVerifier {
  private previous: string;
  private lastId: bigint;
  private checked = 0;
  private broken: { at: bigint; reason: Message } | null = null;

  constructor(
    private readonly start: ChainStart,
    private readonly head: ChainHead,
  ) {
    this.previous = start.hash;
    this.lastId = start.throughId;
  }

  get done(): boolean {
    return this.broken !== null || this.lastId >= this.head.lastId;
  }

  /** The id to read after (the next batch is rows with a larger id, up to head.lastId). */
  get cursor(): bigint {
    return this.lastId;
  }

  push(rows: readonly ChainRow[]): void {
    for (const row of rows) {
      if (this.done) return;
      if (row.id <= this.lastId) {
        this.broken = { at: row.id, reason: msg('accessText.chain.outOfOrder', { id: String(row.id), after: String(this.lastId) }) };
        return;
      }
      if (row.settles !== null && row.settles >= row.id) {
        this.broken = { at: row.id, reason: msg('accessText.chain.laterOutcome', { id: String(row.id), settles: String(row.settles) }) };
        return;
      }
      if (chainHash(this.previous, row) !== row.hash) {
        this.broken = {
          at: row.id,
          reason: msg('accessText.chain.hashMismatch', { id: String(row.id) }),
        };
        return;
      }
      this.previous = row.hash;
      this.lastId = row.id;
      this.checked++;
    }
  }

  /** The verdict once every row up to the head was pushed (or the walk found no more rows). */
  finish(): ChainVerdict {
    const through = this.lastId > this.start.throughId ? this.lastId : null;
    const base = { checkedRows: this.checked, from: this.start.throughId, through };
    if (this.broken) return { intact: false, ...base, brokenAt: this.broken.at, reason: this.broken.reason };
    if (this.head.lastId < this.start.throughId) {
      return { intact: false, ...base, brokenAt: this.start.throughId, reason: msg('accessText.chain.headBeforeCheckpoint', { head: String(this.head.lastId), checkpoint: String(this.start.throughId) }) };
    }
    if (this.lastId < this.head.lastId) {
      return {
        intact: false,
        ...base,
        brokenAt: this.head.lastId,
        reason: msg('accessText.chain.missing', { after: String(this.lastId), head: String(this.head.lastId) }),
      };
    }
    if (this.previous !== this.head.hash) {
      return { intact: false, ...base, brokenAt: this.head.lastId, reason: msg('accessText.chain.headMismatch', { head: String(this.head.lastId) }) };
    }
    return { intact: true, ...base };
  }
}

/** Verifies a whole list at once (tests, small logs). */
export function verifyChain(start: ChainStart, head: ChainHead, rows: readonly ChainRow[]): ChainVerdict {
  const verifier = new ChainVerifier(start, head);
  verifier.push(rows);
  return verifier.finish();
}
