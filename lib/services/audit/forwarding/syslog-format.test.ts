import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, type ChainRow } from '@/lib/audit/audit-chain.ts';
import { forwardRecordOf, forwardRecordsOf } from './forward-record.ts';
import { escapeSdParamValue, formatSyslogMessage, headerToken, octetFrame, severityOf } from './syslog-format.ts';

const row = (over: Partial<ChainRow> = {}): ChainRow => {
  const base = {
    id: 42n,
    at: new Date('2026-12-06T07:00:00.123Z'),
    actorId: 'u1',
    actorName: 'alice',
    ip: '203.0.113.9',
    action: 'user.create',
    targetType: 'user',
    targetId: null,
    targetName: 'bob',
    result: 'succeeded',
    message: null,
    settles: 41n,
    ...over,
  };
  return { ...base, hash: over.hash ?? chainHash(GENESIS_HASH, base) };
};

describe('RFC 5424 SD-PARAM values', () => {
  it('escape exactly the quote, the backslash and the closing bracket', () => {
    expect(escapeSdParamValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    expect(escapeSdParamValue('[x=y] ünïcode\nnew line')).toBe('[x=y\\] ünïcode\nnew line');
  });

  it('header tokens are printable ASCII without spaces, clipped, and - when empty', () => {
    expect(headerToken('my host', 255)).toBe('my_host');
    expect(headerToken('', 32)).toBe('-');
    expect(headerToken('a'.repeat(40), 32)).toHaveLength(32);
    expect(headerToken('hôte', 255)).toBe('h_te');
  });
});

describe('syslog messages', () => {
  it('carry the entry number, hash and previous hash, and leave null fields out', () => {
    const entry = row();
    const message = formatSyslogMessage(forwardRecordOf(entry, 'f'.repeat(64)), { hostname: 'console-1' });
    expect(message).toBe(
      `<109>1 2026-12-06T07:00:00.123Z console-1 wharf - user.create [wharf@32473 number="42" previousHash="${'f'.repeat(64)}" hash="${entry.hash}" chain="wharf.audit.v1" atMs="${entry.at.getTime()}" actorId="u1" actorName="alice" ip="203.0.113.9" action="user.create" targetType="user" targetName="bob" result="succeeded" settles="41"] \uFEFFalice: user.create user bob: succeeded`,
    );
    expect(message).not.toContain('targetId=');
    expect(message).not.toContain('message=');
  });

  it('escapes what a user typed inside the structured data, so it cannot end the element early', () => {
    const message = formatSyslogMessage(forwardRecordOf(row({ message: 'x"] [evil@1 a="b', targetName: 'back\\slash' }), GENESIS_HASH), { hostname: 'h' });
    expect(message).toContain('message="x\\"\\] [evil@1 a=\\"b"');
    expect(message).toContain('targetName="back\\\\slash"');
    // One SD-ELEMENT: the only unescaped `]` closes it.
    const sd = message.slice(message.indexOf('['), message.indexOf('\uFEFF'));
    expect(sd.match(/(?<!\\)\]/g)).toHaveLength(1);
  });

  it('rates the severity by the outcome (facility 13, log audit)', () => {
    expect(severityOf('succeeded')).toBe(5);
    expect(severityOf('failed')).toBe(4);
    expect(severityOf('denied')).toBe(4);
    expect(severityOf('pending')).toBe(6);
    expect(formatSyslogMessage(forwardRecordOf(row({ result: 'denied' }), GENESIS_HASH), { hostname: 'h' })).toMatch(/^<108>1 /);
  });

  it('frames by octet counting: the length in bytes, not characters', () => {
    expect(octetFrame('abc')).toBe('3 abc');
    expect(octetFrame('ü\n€')).toBe('6 ü\n€');
  });
});

describe('forward records', () => {
  it('chain each record to the one before, the first to the given hash', () => {
    const first = row({ id: 1n, settles: null });
    const second = { ...row({ id: 2n, settles: 1n }), hash: 'b'.repeat(64) };
    const records = forwardRecordsOf([first, second], GENESIS_HASH);
    expect(records.map((r) => [r.number, r.previousHash, r.hash])).toEqual([
      ['1', GENESIS_HASH, first.hash],
      ['2', first.hash, 'b'.repeat(64)],
    ]);
    expect(records[1]).toMatchObject({ settles: '1', at: '2026-12-06T07:00:00.123Z', atMs: first.at.getTime(), chain: 'wharf.audit.v1' });
  });
});
