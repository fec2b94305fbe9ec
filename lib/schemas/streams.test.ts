import { describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import { ENGINE_REF, isIdSegment } from './ids.ts';
import { eventsFollowSchema, execOpenSchema, hostSshOpenSchema, logFollowSchema, logHistorySchema, MAX_TAIL, statsWatchSchema, streamRefSchema, terminalDataSchema } from './streams.ts';

const HOST = 'cmabcdefghijklmnopqrstuvw';
const SWARM = 'abcdefghij0123456789abcde';
const container = { kind: 'container' as const, hostId: HOST, containerId: 'web-1' };
const base = { source: container, stdout: true, stderr: true };
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('ids', () => {
  it('an engine reference is an id or a name, never a path', () => {
    for (const good of ['web-1', 'a', '3f2a9c', 'my_app.2']) expect(ENGINE_REF.test(good), good).toBe(true);
    for (const bad of ['', '.', '..', '../etc', '-x', 'a/b', 'a b', 'x'.repeat(129), 'é']) expect(ENGINE_REF.test(bad), bad).toBe(false);
    expect(isIdSegment(HOST)).toBe(true);
    expect(isIdSegment(5)).toBe(false);
    expect(isIdSegment('..')).toBe(false);
  });
});

describe('log requests', () => {
  it('accepts a container or service source with timestamps, tail and streams', () => {
    expect(logFollowSchema.parse({ ...base, since: '2026-11-22T20:00:00.000000001Z', tail: 10, extra: 'dropped' })).toEqual({ ...base, since: '2026-11-22T20:00:00.000000001Z', tail: 10 });
    expect(ok(logFollowSchema, { ...base, source: { kind: 'service', swarmId: SWARM, serviceId: SWARM } })).toBe(true);
    expect(logHistorySchema.parse({ ...base, until: '2026-11-22T21:15:01+01:00', limit: 500, filter: 'error' })).toMatchObject({ limit: 500, filter: 'error' });
  });

  it('refuses ids that are not ids, and sources that do not exist', () => {
    for (const hostId of ['../etc', 'a/b', '', 'x'.repeat(200), 5]) expect(ok(logFollowSchema, { ...base, source: { ...container, hostId } }), String(hostId)).toBe(false);
    expect(ok(logFollowSchema, { ...base, source: { ...container, containerId: '..' } })).toBe(false);
    expect(ok(logFollowSchema, { ...base, source: { kind: 'service', swarmId: 'short', serviceId: SWARM } })).toBe(false);
    expect(ok(logFollowSchema, { ...base, source: { kind: 'volume' } })).toBe(false);
    expect(ok(logFollowSchema, undefined)).toBe(false);
  });

  it('refuses timestamps that are not, out-of-range tails, no stream at all, and non-booleans', () => {
    expect(ok(logFollowSchema, { ...base, since: '1; rm -rf /' })).toBe(false);
    expect(ok(logFollowSchema, { ...base, until: 'tomorrow' })).toBe(false);
    for (const tail of [-1, 1.5, MAX_TAIL + 1, Number.NaN, '10']) expect(ok(logFollowSchema, { ...base, tail }), String(tail)).toBe(false);
    expect(localizeText(logFollowSchema.safeParse({ ...base, stdout: false, stderr: false }).error?.issues[0].message ?? '', 'en')).toBe('Choose stdout, stderr or both.');
    expect(ok(logFollowSchema, { ...base, stdout: 'yes' })).toBe(false);
    expect(ok(logHistorySchema, { ...base, limit: 0 })).toBe(false);
    expect(ok(logHistorySchema, { ...base })).toBe(false);
  });
});

describe('terminals', () => {
  it('opens with sh by default, bash, or a command given as argv', () => {
    expect(execOpenSchema.parse({ hostId: HOST, containerId: 'web-1', cols: 80, rows: 24 }).shell).toEqual({ kind: 'sh' });
    expect(ok(execOpenSchema, { hostId: HOST, containerId: 'web-1', shell: { kind: 'command', argv: ['top', '-b'] }, cols: 80, rows: 24 })).toBe(true);
    expect(ok(execOpenSchema, { hostId: HOST, containerId: 'web-1', shell: { kind: 'command', argv: [] }, cols: 80, rows: 24 })).toBe(false);
    expect(ok(execOpenSchema, { hostId: HOST, containerId: 'web-1', shell: { kind: 'command', argv: 'rm -rf /' }, cols: 80, rows: 24 })).toBe(false);
    expect(ok(execOpenSchema, { hostId: HOST, containerId: 'web-1', shell: { kind: 'zsh' }, cols: 80, rows: 24 })).toBe(false);
  });

  it('needs a real size and real ids', () => {
    for (const [cols, rows] of [[0, 24], [80, 0], [1001, 24], [80, 501], [80.5, 24], ['80', 24]]) expect(ok(hostSshOpenSchema, { hostId: HOST, cols, rows }), `${cols}x${rows}`).toBe(false);
    expect(ok(hostSshOpenSchema, { hostId: '../../x', cols: 80, rows: 24 })).toBe(false);
    expect(ok(terminalDataSchema, { sessionId: 'abcdef0123456789', data: 'ls\r' })).toBe(true);
    expect(ok(terminalDataSchema, { sessionId: 'abcdef0123456789', data: 42 })).toBe(false);
    expect(ok(streamRefSchema, { streamId: 'x' })).toBe(false);
  });
});

describe('stats and events', () => {
  it('watches a container by id or name on a host', () => {
    expect(ok(statsWatchSchema, { hostId: HOST, containerId: 'no-such-container' })).toBe(true);
    expect(ok(statsWatchSchema, { hostId: HOST })).toBe(false);
  });

  it('accepts known types of the scope, plain actions and a bounded look-back, without repeats', () => {
    expect(eventsFollowSchema.parse({ scope: { kind: 'host', hostId: HOST }, types: ['container', 'container'], actions: ['start', 'die', 'die'], sinceSeconds: 60 })).toEqual({
      scope: { kind: 'host', hostId: HOST },
      types: ['container'],
      actions: ['start', 'die'],
      sinceSeconds: 60,
    });
    expect(eventsFollowSchema.parse({ scope: { kind: 'swarm', swarmId: SWARM } })).toEqual({ scope: { kind: 'swarm', swarmId: SWARM }, types: [], actions: [], sinceSeconds: 0 });
  });

  it('refuses what does not belong to the scope or could be more than a word', () => {
    expect(eventsFollowSchema.safeParse({ scope: { kind: 'swarm', swarmId: SWARM }, types: ['container'] }).error?.issues[0].message).toMatch(/node, service/);
    expect(ok(eventsFollowSchema, { scope: { kind: 'host', hostId: HOST }, types: ['node'] })).toBe(false);
    expect(ok(eventsFollowSchema, { scope: { kind: 'host', hostId: HOST }, actions: ['start","x'] })).toBe(false);
    expect(ok(eventsFollowSchema, { scope: { kind: 'host', hostId: HOST }, actions: Array.from({ length: 21 }, () => 'start') })).toBe(false);
    expect(ok(eventsFollowSchema, { scope: { kind: 'host', hostId: HOST }, sinceSeconds: 99999 })).toBe(false);
    expect(ok(eventsFollowSchema, { scope: { kind: 'host', hostId: '../x' } })).toBe(false);
    expect(ok(eventsFollowSchema, { scope: { kind: 'nope' } })).toBe(false);
    expect(ok(eventsFollowSchema, undefined)).toBe(false);
  });
});
