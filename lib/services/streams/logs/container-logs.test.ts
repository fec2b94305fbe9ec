import { describe, expect, it } from 'vitest';
import type { LogQuery } from '@/lib/realtime/stream-protocol.ts';
import { checkLogQuery, MAX_TAIL } from './container-logs.ts';
import { execIdleMsFromEnv, DEFAULT_EXEC_IDLE_MS } from '../terminals/exec-session.ts';

const container = { kind: 'container', hostId: 'h1234567890', containerId: 'abc123' } as const;
const base: LogQuery = { source: container, stdout: true, stderr: true };

describe('checkLogQuery', () => {
  it('keeps a valid query and nothing else', () => {
    const extra = { ...base, since: '2026-11-22T20:00:00.000000001Z', tail: 10, evil: 'x', source: { ...container, path: '../x' } } as LogQuery;
    expect(checkLogQuery(extra)).toEqual({ source: container, since: '2026-11-22T20:00:00.000000001Z', until: undefined, tail: 10, stdout: true, stderr: true });
    expect(checkLogQuery({ ...base, source: { kind: 'service', swarmId: 's'.repeat(25), serviceId: 'svc1' } }).source).toEqual({ kind: 'service', swarmId: 's'.repeat(25), serviceId: 'svc1' });
  });

  it('refuses ids that are not plain tokens', () => {
    for (const hostId of ['../etc', 'a/b', '', 'x'.repeat(200), 5 as unknown as string]) expect(() => checkLogQuery({ ...base, source: { ...container, hostId } })).toThrow('Not found');
    expect(() => checkLogQuery({ ...base, source: { kind: 'volume' } as unknown as LogQuery['source'] })).toThrow();
  });

  it('refuses timestamps, tails and stream choices the engine should never see', () => {
    expect(() => checkLogQuery({ ...base, since: '1; rm -rf /' })).toThrow();
    expect(() => checkLogQuery({ ...base, until: 'tomorrow' })).toThrow();
    for (const tail of [-1, 1.5, MAX_TAIL + 1, Number.NaN]) expect(() => checkLogQuery({ ...base, tail })).toThrow();
    expect(() => checkLogQuery({ ...base, stdout: false, stderr: false })).toThrow();
    expect(checkLogQuery({ ...base, stdout: 'yes' as unknown as boolean }).stdout).toBe(false);
    expect(() => checkLogQuery({ ...base, stdout: 'yes' as unknown as boolean, stderr: false })).toThrow();
  });
});

describe('execIdleMsFromEnv', () => {
  it('reads minutes, else 15 minutes', () => {
    expect(execIdleMsFromEnv({ WHARF_EXEC_IDLE_MINUTES: '2' })).toBe(120_000);
    expect(execIdleMsFromEnv({ WHARF_EXEC_IDLE_MINUTES: 'soon' })).toBe(DEFAULT_EXEC_IDLE_MS);
    expect(execIdleMsFromEnv({ WHARF_EXEC_IDLE_MINUTES: '-1' })).toBe(DEFAULT_EXEC_IDLE_MS);
    expect(execIdleMsFromEnv({})).toBe(15 * 60_000);
  });
});
