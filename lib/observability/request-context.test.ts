// Request ids: a client's safe token is kept, anything else replaced; the id follows async work.
import { describe, expect, it } from 'vitest';
import { currentRequestId, requestIdFrom, withRequest } from './request-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it('keeps a safe token the client sent', () => {
    expect(requestIdFrom('req-42')).toBe('req-42');
    expect(requestIdFrom('4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(requestIdFrom(['a.b:c_d', 'second'])).toBe('a.b:c_d');
  });

  it('replaces a missing, empty, too long or unsafe id with a new one', () => {
    for (const given of [undefined, null, '', ' ', 'a b', 'x\ny', 'id"}', '<script>', '-leading', 'x'.repeat(129), 'ünïcode']) {
      const id = requestIdFrom(given);
      expect(id, String(given)).toMatch(UUID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

describe('withRequest', () => {
  it('carries the id through awaits and timers, and only inside', async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await withRequest('outer', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const inner = await withRequest('inner', async () => currentRequestId());
      return [currentRequestId(), inner];
    });
    expect(seen).toEqual(['outer', 'inner']);
    expect(currentRequestId()).toBeUndefined();
  });

  it('keeps concurrent requests apart', async () => {
    const run = (id: string, ms: number) => withRequest(id, () => new Promise<string | undefined>((resolve) => setTimeout(() => resolve(currentRequestId()), ms)));
    expect(await Promise.all([run('a', 5), run('b', 1)])).toEqual(['a', 'b']);
  });
});
