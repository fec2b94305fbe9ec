import { describe, expect, it } from 'vitest';
import { auditExportHref, auditHref, isFiltered, parseAuditSearchParams } from './audit-search-params.ts';

describe('parseAuditSearchParams', () => {
  it('reads every filter', () => {
    expect(parseAuditSearchParams({ actor: 'alice', action: 'user.create', result: 'denied', before: '1234', limit: '20' })).toEqual({
      filter: { actor: 'alice', action: 'user.create', result: 'denied', before: 1234n, limit: 20 },
      ignored: [],
    });
  });

  it('treats missing and empty values as no filter', () => {
    expect(parseAuditSearchParams({})).toEqual({ filter: {}, ignored: [] });
    expect(parseAuditSearchParams({ actor: '', action: '  ', result: '' })).toEqual({ filter: {}, ignored: [] });
  });

  it('trims the actor and keeps its case', () => {
    expect(parseAuditSearchParams({ actor: '  Bob ' }).filter).toEqual({ actor: 'Bob' });
  });

  it('normalises an action family', () => {
    for (const action of ['user', 'user.', 'user.*', 'User.*', ' user* ']) {
      expect(parseAuditSearchParams({ action }).filter).toEqual({ action: 'user' });
    }
    expect(parseAuditSearchParams({ action: 'auth.sign-in' }).filter).toEqual({ action: 'auth.sign-in' });
  });

  it('ignores invalid values one by one and says which', () => {
    const parsed = parseAuditSearchParams({ actor: 'alice', action: "x'; drop table", result: 'ok', before: '-1', limit: '500' });
    expect(parsed.filter).toEqual({ actor: 'alice' });
    expect(parsed.ignored).toEqual(['action', 'result', 'before', 'limit']);
  });

  it('rejects cursors that are not positive 64-bit integers', () => {
    for (const before of ['0', '01', '1.5', '1e3', 'abc', '9223372036854775808', '99999999999999999999']) {
      expect(parseAuditSearchParams({ before }).ignored).toEqual(['before']);
    }
    expect(parseAuditSearchParams({ before: '9223372036854775807' }).filter.before).toBe(9_223_372_036_854_775_807n);
  });

  it('bounds the page size', () => {
    expect(parseAuditSearchParams({ limit: '0' }).ignored).toEqual(['limit']);
    expect(parseAuditSearchParams({ limit: '201' }).ignored).toEqual(['limit']);
    expect(parseAuditSearchParams({ limit: '200' }).filter.limit).toBe(200);
    expect(parseAuditSearchParams({ limit: '1' }).filter.limit).toBe(1);
  });

  it('rejects control characters and over-long actors', () => {
    expect(parseAuditSearchParams({ actor: 'a\u0000b' }).ignored).toEqual(['actor']);
    expect(parseAuditSearchParams({ actor: 'a'.repeat(101) }).ignored).toEqual(['actor']);
  });

  it('takes the first of repeated parameters', () => {
    expect(parseAuditSearchParams({ result: ['failed', 'denied'] }).filter).toEqual({ result: 'failed' });
  });
});

describe('isFiltered', () => {
  it('ignores the cursor and page size', () => {
    expect(isFiltered({ before: 5n, limit: 10 })).toBe(false);
    expect(isFiltered({ result: 'failed' })).toBe(true);
  });
});

describe('auditHref', () => {
  it('links to the plain page without filters', () => {
    expect(auditHref({})).toBe('/audit');
  });

  it('keeps the filters, replaces the cursor and encodes values', () => {
    const filter = { actor: 'a&b c', action: 'user', result: 'denied' as const, before: 99n, limit: 20 };
    expect(auditHref(filter, '42')).toBe('/audit?actor=a%26b+c&action=user&result=denied&limit=20&before=42');
    expect(auditHref(filter)).toBe('/audit?actor=a%26b+c&action=user&result=denied&limit=20');
  });

  it('round-trips through the parser', () => {
    const filter = { actor: 'x<script>', action: 'host', result: 'pending' as const, limit: 7 };
    const query = Object.fromEntries(new URLSearchParams(auditHref(filter, '10').split('?')[1]));
    expect(parseAuditSearchParams(query)).toEqual({ filter: { ...filter, before: 10n }, ignored: [] });
  });
});

describe('auditExportHref', () => {
  it('keeps the narrowing filters and drops the cursor and page size', () => {
    expect(auditExportHref({ actor: 'a b', result: 'denied', before: 5n, limit: 10 }, 'csv')).toBe('/api/audit/export?format=csv&actor=a+b&result=denied');
    expect(auditExportHref({}, 'jsonl')).toBe('/api/audit/export?format=jsonl');
  });
});
