import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_MAX, AUDIT_PAGE_SIZE, auditRowOf, auditWhere, clampLimit } from './list-audit-entries.ts';

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
  it('lists entries, not the rows that settle them, without a filter', () => {
    expect(auditWhere({})).toEqual({ AND: [{ settles: null }] });
  });

  it('pages by id and matches actor (with their API tokens\' rows) and outcome exactly', () => {
    expect(auditWhere({ actor: 'alice', result: 'denied', before: 77n })).toEqual({
      AND: [{ settles: null }, { OR: [{ actorName: 'alice' }, { actorName: { startsWith: 'alice (token ' } }] }, { OR: [{ result: 'denied' }, { result: 'pending', settlement: { is: { result: 'denied' } } }] }, { id: { lt: 77n } }],
    });
  });

  it('keeps a reader without audit.view everywhere to the actors given (their own and their teams\' rows), with any other filter', () => {
    expect(auditWhere({ actorIds: ['u1', 'u2'], actor: 'mall%' })).toEqual({ AND: [{ settles: null }, { actorName: 'mall%' }, { actorId: { in: ['u1', 'u2'] } }] });
    expect(auditWhere({ actorIds: [] })).toEqual({ AND: [{ settles: null }, { actorId: { in: [] } }] });
  });

  it('finds pending entries only while nothing settled them', () => {
    expect(auditWhere({ result: 'pending' })).toEqual({ AND: [{ settles: null }, { result: 'pending', settlement: { is: null } }] });
  });

  it('matches an action or its family', () => {
    expect(auditWhere({ action: 'user' })).toEqual({ AND: [{ settles: null }, { OR: [{ action: 'user' }, { action: { startsWith: 'user.' } }] }] });
  });

  it('never turns LIKE wildcards into a prefix search', () => {
    expect(auditWhere({ action: 'user_%' })).toEqual({ AND: [{ settles: null }, { OR: [{ action: 'user_%' }] }] });
  });
});

describe('auditRowOf', () => {
  const row = { id: 5n, at: new Date('2026-01-01T00:00:00Z'), actorId: 'u', actorName: 'alice', action: 'user.create', targetType: 'user', targetId: null, targetName: 'bob', result: 'pending', message: null, ip: '::1' };

  it('shows a pending entry with the outcome that settled it', () => {
    const settlement = { at: new Date('2026-01-01T00:00:01Z'), result: 'succeeded', message: null, targetId: 'u2', targetName: 'bob' };
    expect(auditRowOf({ ...row, settlement })).toMatchObject({ id: '5', result: 'succeeded', targetId: 'u2', targetName: 'bob', settledAt: '2026-01-01T00:00:01.000Z' });
  });

  it('shows an entry nothing settled as it was written', () => {
    expect(auditRowOf({ ...row, settlement: null })).toMatchObject({ result: 'pending', settledAt: null, targetId: null });
  });
});
