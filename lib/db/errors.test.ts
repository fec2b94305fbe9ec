import { describe, expect, it } from 'vitest';
import { onUniqueViolation } from './errors.ts';

const taken = () => new Error('That name is taken.');

describe('onUniqueViolation', () => {
  it('returns what the write returns', async () => {
    await expect(onUniqueViolation(async () => ({ id: 'a' }), taken)).resolves.toEqual({ id: 'a' });
  });
  it.each([
    ['Prisma', { code: 'P2002' }],
    ['Postgres', { cause: { code: '23505' } }],
    ['the driver adapter', { meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } } }],
  ])('a unique violation as %s reports it becomes the clash', async (_, error) => {
    await expect(onUniqueViolation(() => Promise.reject(error), taken)).rejects.toThrow('That name is taken.');
  });
  it('any other failure passes unchanged', async () => {
    const other = Object.assign(new Error('connection lost'), { code: 'P1001' });
    await expect(onUniqueViolation(() => Promise.reject(other), taken)).rejects.toBe(other);
  });
});
