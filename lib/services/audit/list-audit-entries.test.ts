import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_MAX, AUDIT_PAGE_SIZE, auditWhere, clampLimit } from './list-audit-entries.ts';

describe('clampLimit', () => {
  it('defaults and bounds the page size', () => {
    expect(clampLimit(undefined)).toBe(AUDIT_PAGE_SIZE);
    expect(clampLimit(Number.NaN)).toBe(AUDIT_PAGE_SIZE);
    expect(clampLimit(0)).toBe(1);
    expect(clampLimit(-5)).toBe(1);
    expect(clampLimit(12.9)).toBe(12);
    expect(clampLimit(10_000)).toBe(AUDIT_PAGE_MAX);
    expect(clampLimit(Number.POSITIVE_INFINITY)).toBe(AUDIT_PAGE_SIZE);
  });
});

describe('auditWhere', () => {
  it('is empty without a filter', () => {
    expect(auditWhere({})).toEqual({});
  });

  it('pages by id and matches actor and result exactly', () => {
    expect(auditWhere({ actor: 'alice', result: 'denied', before: 77n })).toEqual({ actorName: 'alice', result: 'denied', id: { lt: 77n } });
  });

  it('matches an action or its family', () => {
    expect(auditWhere({ action: 'user' })).toEqual({ OR: [{ action: 'user' }, { action: { startsWith: 'user.' } }] });
  });

  it('never turns LIKE wildcards into a prefix search', () => {
    expect(auditWhere({ action: 'user_%' })).toEqual({ OR: [{ action: 'user_%' }] });
  });
});
