import { describe, expect, it } from 'vitest';
import { readBearer } from './bearer-token.ts';

const token = `wharf_pat_${'a'.repeat(43)}`;

describe('readBearer', () => {
  it('finds no token when there is no header', () => {
    expect(readBearer(null)).toEqual({ kind: 'none' });
    expect(readBearer('')).toEqual({ kind: 'none' });
  });
  it('reads a bearer token of the right shape', () => {
    expect(readBearer(`Bearer ${token}`)).toEqual({ kind: 'token', token });
    expect(readBearer(`bearer ${token}`)).toEqual({ kind: 'token', token });
  });
  it('calls everything else malformed', () => {
    for (const header of [token, `Basic ${token}`, 'Bearer', `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token} extra`, `Bearer wharf_pat_${'a'.repeat(42)}=`, `Bearer ${'a'.repeat(53)}`]) {
      expect(readBearer(header), header).toEqual({ kind: 'malformed' });
    }
  });
});
