import { describe, expect, it } from 'vitest';
import { pageOf, pageQuerySchema } from './pagination.ts';

const all = Array.from({ length: 7 }, (_, i) => i);

describe('pageOf', () => {
  it('walks a list page by page to the end', () => {
    const first = pageOf(all, pageQuerySchema.parse({ limit: '3' }));
    expect(first).toEqual({ items: [0, 1, 2], nextCursor: '3' });
    const second = pageOf(all, pageQuerySchema.parse({ limit: '3', cursor: first.nextCursor }));
    expect(second).toEqual({ items: [3, 4, 5], nextCursor: '6' });
    expect(pageOf(all, pageQuerySchema.parse({ limit: '3', cursor: second.nextCursor }))).toEqual({ items: [6], nextCursor: null });
  });
  it('uses the default page size and refuses sizes and cursors it does not know', () => {
    expect(pageOf(all, pageQuerySchema.parse({}))).toEqual({ items: all, nextCursor: null });
    expect(pageQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ cursor: '-1' }).success).toBe(false);
  });
});
