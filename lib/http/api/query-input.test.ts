import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryInput } from './query-input.ts';

const schema = z.object({ force: z.boolean().default(false), limit: z.number().int().optional(), name: z.string(), maybe: z.boolean().optional() });

describe('queryInput', () => {
  it('reads booleans and numbers the schema asks for, text otherwise, and only the fields it names', () => {
    expect(queryInput(schema, new URLSearchParams('force=true&limit=5&name=web&other=x'))).toEqual({ force: true, limit: 5, name: 'web' });
    expect(queryInput(schema, new URLSearchParams('maybe=false'))).toEqual({ maybe: false });
  });
  it('leaves a value that is not of the field\'s type for the schema to refuse', () => {
    expect(queryInput(schema, new URLSearchParams('force=yes&limit=five'))).toEqual({ force: 'yes', limit: 'five' });
    expect(schema.safeParse({ ...queryInput(schema, new URLSearchParams('force=yes')), name: 'x' }).success).toBe(false);
  });
});
