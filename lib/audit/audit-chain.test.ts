import { describe, expect, it } from 'vitest';
import { canonicalAuditRow, chainHash, GENESIS_HASH, verifyChain, type ChainRow } from './audit-chain.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { ChainVerdict } from './audit-chain.ts';

/** A verdict with its reason as an English reader sees it. */
const english = (v: ChainVerdict) => (v.intact ? v : { ...v, reason: renderMessage(v.reason, 'en') });

const base = { actorId: null, ip: null, targetType: null, targetId: null, targetName: null, message: null, settles: null };

// Written by Postgres through the audit_hash_chain migration (its trigger and its chaining of old
// rows): the TypeScript form must give the very same hashes.
const fromPostgres: ChainRow[] = [
  { ...base, id: 1n, at: new Date('2026-12-06T05:46:48.467Z'), actorName: 'alice', action: 'x', result: 'succeeded', message: 'héllo\nwörld', hash: '8c75a76aec8300d303e10319a653bfcebcfab3daff7b3ae1474b26811a3e840f' },
  { ...base, id: 2n, at: new Date('2026-12-06T05:46:48.467Z'), actorName: 'bob', action: 'y', result: 'denied', hash: '257eb218f844b1c275e91fd3becc8c5dd7922a10fe42eb59c8be7755fecb5907' },
  { ...base, id: 4n, at: new Date('2026-12-06T05:46:48.497Z'), actorName: 'carol', action: 'z', result: 'pending', hash: 'd2125aa894ecad5f8d181ebdd34c87ed93dba10920226afa75f8d56aed33f89d' },
];
const start = { throughId: 0n, hash: GENESIS_HASH };
const head = { lastId: 4n, hash: fromPostgres[2]!.hash };

function chain(rows: Omit<ChainRow, 'hash'>[], previous = GENESIS_HASH): ChainRow[] {
  return rows.map((row) => {
    const hash = chainHash(previous, row);
    previous = hash;
    return { ...row, hash };
  });
}

describe('canonicalAuditRow', () => {
  it('writes every field in order, nulls as -, values with their length in UTF-8 bytes', () => {
    const row = { id: 12n, at: new Date(1_700_000_000_123), actorId: 'u1', actorName: 'zoë', ip: '::1', action: 'user.create', targetType: 'user', targetId: null, targetName: 'bob', result: 'succeeded', message: 'a\nb', settles: 11n };
    expect(canonicalAuditRow(row)).toBe(['wharf.audit.v1', '2:12', '13:1700000000123', '2:u1', '4:zoë', '3:::1', '11:user.create', '4:user', '-', '3:bob', '9:succeeded', '3:a\nb', '2:11'].join('\n'));
  });

  it('cannot be made ambiguous by what a value contains', () => {
    const one = { ...base, id: 1n, at: new Date(0), actorName: 'a\n1:b', action: 'x', result: 'denied' };
    const two = { ...base, id: 1n, at: new Date(0), actorName: 'a', actorId: 'b', action: 'x', result: 'denied' };
    expect(canonicalAuditRow(one)).not.toBe(canonicalAuditRow(two));
    expect(canonicalAuditRow({ ...one, message: '' })).not.toBe(canonicalAuditRow(one));
  });
});

describe('chainHash', () => {
  it('gives the hashes Postgres wrote', () => {
    let previous = GENESIS_HASH;
    for (const row of fromPostgres) {
      expect(chainHash(previous, row)).toBe(row.hash);
      previous = row.hash;
    }
  });
});

describe('verifyChain', () => {
  it('says intact through the last entry', () => {
    expect(verifyChain(start, head, fromPostgres)).toEqual({ intact: true, checkedRows: 3, from: 0n, through: 4n });
  });

  it('says intact with no entries after the checkpoint', () => {
    expect(verifyChain({ throughId: 9n, hash: 'h' }, { lastId: 9n, hash: 'h' }, [])).toEqual({ intact: true, checkedRows: 0, from: 9n, through: null });
  });

  it('names a changed entry', () => {
    const rows = fromPostgres.map((row) => (row.id === 2n ? { ...row, result: 'succeeded' } : row));
    expect(verifyChain(start, head, rows)).toMatchObject({ intact: false, brokenAt: 2n, through: 1n, checkedRows: 1 });
  });

  it('names the entry after a removed one', () => {
    expect(verifyChain(start, head, [fromPostgres[0]!, fromPostgres[2]!])).toMatchObject({ intact: false, brokenAt: 4n });
  });

  it('names a rewritten hash, and a re-chained row whose successor no longer follows', () => {
    const forged = { ...fromPostgres[1]!, actorName: 'mallory' };
    const rehashed = { ...forged, hash: chainHash(fromPostgres[0]!.hash, forged) };
    expect(verifyChain(start, head, [fromPostgres[0]!, { ...forged }, fromPostgres[2]!])).toMatchObject({ brokenAt: 2n });
    expect(verifyChain(start, head, [fromPostgres[0]!, rehashed, fromPostgres[2]!])).toMatchObject({ brokenAt: 4n });
  });

  it('finds the newest entries missing through the head', () => {
    expect(english(verifyChain(start, head, fromPostgres.slice(0, 2)))).toMatchObject({ intact: false, brokenAt: 4n, reason: expect.stringMatching(/after 2 are missing/) });
  });

  it('finds a re-chained log that no longer ends at the recorded head', () => {
    const rows = chain(fromPostgres.map(({ hash: _hash, ...row }) => (row.id === 2n ? { ...row, result: 'succeeded' } : row)));
    expect(english(verifyChain(start, head, rows))).toMatchObject({ intact: false, brokenAt: 4n, reason: expect.stringMatching(/head does not match/) });
    const verdict = verifyChain(start, head, rows);
    expect(!verdict.intact && renderMessage(verdict.reason, 'zh-CN')).toBe('链头与条目 4 不符。');
  });

  it('starts from a retention checkpoint', () => {
    expect(verifyChain({ throughId: 1n, hash: fromPostgres[0]!.hash }, head, fromPostgres.slice(1))).toEqual({ intact: true, checkedRows: 2, from: 1n, through: 4n });
    expect(verifyChain({ throughId: 1n, hash: GENESIS_HASH }, head, fromPostgres.slice(1))).toMatchObject({ intact: false, brokenAt: 2n });
  });

  it('refuses out-of-order ids and settlements of later entries', () => {
    const rows = chain([
      { ...base, id: 1n, at: new Date(0), actorName: 'a', action: 'x', result: 'pending' },
      { ...base, id: 2n, at: new Date(0), actorName: 'a', action: 'x', result: 'succeeded', settles: 3n },
    ]);
    expect(english(verifyChain(start, { lastId: 2n, hash: rows[1]!.hash }, rows))).toMatchObject({ intact: false, brokenAt: 2n, reason: expect.stringMatching(/later entry/) });
    expect(english(verifyChain(start, { lastId: 2n, hash: rows[1]!.hash }, [rows[0]!, rows[0]!]))).toMatchObject({ intact: false, brokenAt: 1n, reason: expect.stringMatching(/out of order/) });
  });
});
