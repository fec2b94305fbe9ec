import { describe, expect, it } from 'vitest';
import { EventLineDecoder, backoffDelay, factsAffectedBy, toEngineEvent, type EngineEvent } from '@/lib/services/inventory/engine-events.ts';

// A container start event as Docker 20.10 writes it on /events.
const START = {
  status: 'start',
  id: '4d3f2a1b0c9e',
  from: 'nginx:1.25',
  Type: 'container',
  Action: 'start',
  Actor: { ID: '4d3f2a1b0c9e', Attributes: { image: 'nginx:1.25', name: 'web-1' } },
  scope: 'local',
  time: 1_700_000_000,
  timeNano: 1_700_000_000_123_456_800,
};
const VOLUME_CREATE = {
  Type: 'volume',
  Action: 'create',
  Actor: { ID: 'data', Attributes: { driver: 'local' } },
  scope: 'local',
  time: 1_700_000_001,
  timeNano: 1_700_000_001_000_000_000,
};
const line = (event: object) => `${JSON.stringify(event)}\n`;
const event = (type: string, action: string): EngineEvent => ({ type, action, id: 'x', name: null, timeNano: '0' });

describe('engine-events', () => {
  describe('toEngineEvent', () => {
    it('maps a container event with its name', () => {
      expect(toEngineEvent({ Type: 'container', Action: 'die', Actor: { ID: 'abc', Attributes: { name: 'web-1', exitCode: '0' } }, timeNano: '1700000000123456789' })).toEqual({
        type: 'container',
        action: 'die',
        id: 'abc',
        name: 'web-1',
        timeNano: '1700000000123456789',
        attributes: { exitCode: '0' },
      });
    });

    it("keeps a node's state change and a task container's stack, nothing else", () => {
      const node = toEngineEvent({ Type: 'node', Action: 'update', Actor: { ID: 'n1', Attributes: { name: 'w1', 'state.old': 'ready', 'state.new': 'down', other: 'x' } }, time: 1 });
      expect(node?.attributes).toEqual({ 'state.old': 'ready', 'state.new': 'down' });
      expect(toEngineEvent({ Type: 'image', Action: 'pull', time: 1 })).not.toHaveProperty('attributes');
    });

    it('uses timeNano when present, as a string', () => {
      expect(toEngineEvent({ Type: 'image', Action: 'pull', timeNano: 1234, time: 1 })?.timeNano).toBe('1234');
    });

    it('derives timeNano from time (seconds) when timeNano is absent', () => {
      expect(toEngineEvent({ Type: 'image', Action: 'pull', time: 1_700_000_000 })?.timeNano).toBe('1700000000000000000');
    });

    it('keeps a timeNano of 0 rather than falling back to time', () => {
      expect(toEngineEvent({ Type: 'image', Action: 'pull', timeNano: 0, time: 5 })?.timeNano).toBe('0');
    });

    it("uses '0' when neither time nor timeNano is present", () => {
      expect(toEngineEvent({ Type: 'image', Action: 'pull' })?.timeNano).toBe('0');
    });

    it('falls back to the legacy top-level id, then to an empty id', () => {
      expect(toEngineEvent({ Type: 'container', Action: 'start', id: 'legacy' })?.id).toBe('legacy');
      expect(toEngineEvent({ Type: 'network', Action: 'create' })?.id).toBe('');
    });

    it('gives a null name when the actor has none', () => {
      expect(toEngineEvent({ Type: 'volume', Action: 'create', Actor: { ID: 'v', Attributes: { driver: 'local' } } })?.name).toBeNull();
      expect(toEngineEvent({ Type: 'volume', Action: 'create', Actor: { ID: 'v' } })?.name).toBeNull();
    });

    it.each([
      ['no Type', { Action: 'start' }],
      ['no Action', { Type: 'container' }],
      ['an empty Type', { Type: '', Action: 'start' }],
      ['an empty Action', { Type: 'container', Action: '' }],
      ['a legacy status-only event', { status: 'start', id: 'abc', from: 'nginx' }],
    ])('drops an event with %s', (_label, raw) => {
      expect(toEngineEvent(raw as Parameters<typeof toEngineEvent>[0])).toBeNull();
    });
  });

  describe('EventLineDecoder', () => {
    it('decodes one complete event', () => {
      const decoder = new EventLineDecoder();
      expect(decoder.push(line(START))).toEqual([{ type: 'container', action: 'start', id: '4d3f2a1b0c9e', name: 'web-1', timeNano: String(START.timeNano) }]);
    });

    it('decodes several events in one chunk, in order', () => {
      const decoder = new EventLineDecoder();
      const events = decoder.push(Buffer.from(line(START) + line(VOLUME_CREATE) + line({ ...START, Action: 'die' })));
      expect(events.map((e) => `${e.type}:${e.action}`)).toEqual(['container:start', 'volume:create', 'container:die']);
    });

    it('keeps a partial line until its end arrives', () => {
      const decoder = new EventLineDecoder();
      const text = line(START);
      expect(decoder.push(text.slice(0, 20))).toEqual([]);
      expect(decoder.push(text.slice(20, 40))).toEqual([]);
      expect(decoder.push(text.slice(40))).toHaveLength(1);
    });

    it('does not emit an event whose newline has not arrived yet', () => {
      const decoder = new EventLineDecoder();
      expect(decoder.push(JSON.stringify(START))).toEqual([]);
      expect(decoder.push('\n')).toHaveLength(1);
    });

    it('gives the same events for every split point of a two-event stream (ASCII)', () => {
      const bytes = Buffer.from(line(START) + line(VOLUME_CREATE));
      const expected = new EventLineDecoder().push(bytes);
      expect(expected).toHaveLength(2);
      for (let at = 0; at <= bytes.length; at++) {
        const decoder = new EventLineDecoder();
        const events = [...decoder.push(bytes.subarray(0, at)), ...decoder.push(bytes.subarray(at))];
        expect(events, `split at byte ${at}`).toEqual(expected);
      }
    });

    it('survives a stream cut into one-byte chunks', () => {
      const bytes = Buffer.from(line(START) + line(VOLUME_CREATE));
      const decoder = new EventLineDecoder();
      const events: EngineEvent[] = [];
      for (let i = 0; i < bytes.length; i++) events.push(...decoder.push(bytes.subarray(i, i + 1)));
      expect(events.map((e) => e.action)).toEqual(['start', 'create']);
    });

    // Container names and labels may be any UTF-8. A chunk boundary can fall inside a multi-byte
    // character; decoding each chunk on its own turns the halves into U+FFFD.
    it('keeps a multi-byte UTF-8 character intact when a chunk boundary splits it', () => {
      const name = 'café-容器-🐳';
      const bytes = Buffer.from(line({ ...START, Actor: { ID: 'u1', Attributes: { name } } }));
      const start = bytes.indexOf(Buffer.from(name));
      const nameBytes = Buffer.byteLength(name);
      for (let at = start + 1; at < start + nameBytes; at++) {
        const decoder = new EventLineDecoder();
        const events = [...decoder.push(bytes.subarray(0, at)), ...decoder.push(bytes.subarray(at))];
        expect(events, `split at byte ${at}`).toHaveLength(1);
        expect(events[0].name, `split at byte ${at}`).toBe(name);
      }
    });

    // The engine writes timeNano as a bare JSON integer around 1.7e18, beyond 2^53. EngineEvent
    // keeps it as a string "as the engine stamped the event", so the digits must survive decoding.
    it('keeps every digit of the engine\'s timeNano', () => {
      const decoder = new EventLineDecoder();
      const [decoded] = decoder.push('{"Type":"container","Action":"start","Actor":{"ID":"a"},"time":1700000000,"timeNano":1700000000123456789}\n');
      expect(decoded.timeNano).toBe('1700000000123456789');
    });

    it('accepts string chunks as well as buffers', () => {
      const decoder = new EventLineDecoder();
      expect(decoder.push(line(VOLUME_CREATE))).toHaveLength(1);
    });

    it('skips blank and whitespace-only lines', () => {
      const decoder = new EventLineDecoder();
      expect(decoder.push(`\n\n   \n\t\n${line(START)}\n\r\n`)).toHaveLength(1);
    });

    it('accepts CRLF line endings', () => {
      const decoder = new EventLineDecoder();
      expect(decoder.push(`${JSON.stringify(START)}\r\n`)).toHaveLength(1);
    });

    it('skips lines that are not JSON and keeps decoding after them', () => {
      const decoder = new EventLineDecoder();
      const events = decoder.push(`not json\n{"Type":\n${line(START)}<html>\n${line(VOLUME_CREATE)}`);
      expect(events.map((e) => e.type)).toEqual(['container', 'volume']);
    });

    it('skips JSON lines that are not event objects', () => {
      const decoder = new EventLineDecoder();
      expect(decoder.push(`null\n42\n"text"\n[]\n{}\n${line(START)}`)).toHaveLength(1);
    });

    it('drops events without Type or Action', () => {
      const decoder = new EventLineDecoder();
      const events = decoder.push(line({ Action: 'start' }) + line({ Type: 'container' }) + line(VOLUME_CREATE));
      expect(events).toEqual([expect.objectContaining({ type: 'volume', action: 'create' })]);
    });

    it('discards a runaway line over 1,000,000 characters and recovers at the next line', () => {
      const decoder = new EventLineDecoder();
      expect(decoder.push('x'.repeat(1_000_001))).toEqual([]);
      // The rest of the runaway line ends here; its tail is not JSON and is skipped.
      expect(decoder.push(`tail-of-runaway\n${line(START)}`)).toHaveLength(1);
    });

    it('keeps a long but legitimate partial line under the limit', () => {
      const decoder = new EventLineDecoder();
      const big = line({ ...START, Actor: { ID: 'big', Attributes: { name: 'n', label: 'y'.repeat(500_000) } } });
      expect(decoder.push(big.slice(0, 400_000))).toEqual([]);
      expect(decoder.push(big.slice(400_000))).toEqual([expect.objectContaining({ id: 'big' })]);
    });
  });

  describe('factsAffectedBy', () => {
    it.each(['create', 'start', 'die', 'stop', 'kill', 'destroy', 'pause', 'unpause', 'rename', 'restart', 'oom'])('container %s re-reads /info', (action) => {
      expect(factsAffectedBy(event('container', action))).toEqual(['info']);
    });

    it.each(['exec_create', 'exec_start', 'exec_die', 'exec_start: sh -c ls', 'top', 'health_status', 'health_status: healthy', 'health_status: unhealthy'])(
      'container %s changes no facts',
      (action) => {
        expect(factsAffectedBy(event('container', action))).toEqual([]);
      },
    );

    it.each([
      ['image', 'pull', ['info']],
      ['image', 'delete', ['info']],
      ['node', 'update', ['info']],
      ['daemon', 'reload', ['info']],
      ['volume', 'create', ['volumes']],
      ['volume', 'destroy', ['volumes']],
      ['volume', 'mount', []],
      ['network', 'create', ['networks']],
      ['network', 'destroy', ['networks']],
      ['network', 'connect', []],
      ['network', 'disconnect', []],
    ])('%s %s re-reads %j', (type, action, parts) => {
      expect(factsAffectedBy(event(type, action))).toEqual(parts);
    });

    it.each([
      ['plugin', 'enable'],
      ['service', 'create'],
      ['secret', 'create'],
      ['config', 'create'],
      ['builder', 'prune'],
      ['Container', 'start'],
    ])('%s %s changes no facts', (type, action) => {
      expect(factsAffectedBy(event(type, action))).toEqual([]);
    });
  });

  describe('backoffDelay', () => {
    const mid = () => 0.5; // no jitter: factor exactly 1

    it('doubles from the base on each attempt', () => {
      expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { random: mid }))).toEqual([1000, 2000, 4000, 8000]);
    });

    it('caps at capMs', () => {
      expect(backoffDelay(4, { random: mid })).toBe(10_000);
      expect(backoffDelay(50, { random: mid })).toBe(10_000);
      expect(backoffDelay(5000, { random: mid })).toBe(10_000);
    });

    it('treats a negative attempt as the first', () => {
      expect(backoffDelay(-3, { random: mid })).toBe(1000);
    });

    it('jitters within ±20% by default', () => {
      expect(backoffDelay(0, { random: () => 0 })).toBe(800);
      expect(backoffDelay(0, { random: () => 0.999999 })).toBe(1200);
      expect(backoffDelay(2, { random: () => 0 })).toBe(3200);
      expect(backoffDelay(2, { random: () => 0.75 })).toBe(4400);
    });

    it('applies the jitter after the cap, so a capped delay stays within cap ±20%', () => {
      expect(backoffDelay(20, { random: () => 0 })).toBe(8000);
      expect(backoffDelay(20, { random: () => 0.999999 })).toBe(12_000);
    });

    it('stays within bounds for many random draws', () => {
      let seed = 42;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      for (let attempt = 0; attempt < 20; attempt++) {
        const raw = Math.min(10_000, 1000 * 2 ** attempt);
        for (let i = 0; i < 50; i++) {
          const delay = backoffDelay(attempt, { random });
          expect(delay).toBeGreaterThanOrEqual(Math.round(raw * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.round(raw * 1.2));
          expect(Number.isInteger(delay)).toBe(true);
        }
      }
    });

    it('honours custom base, cap and jitter', () => {
      expect(backoffDelay(3, { baseMs: 100, capMs: 500, jitter: 0, random: () => 0.9 })).toBe(500);
      expect(backoffDelay(2, { baseMs: 100, capMs: 500, jitter: 0, random: () => 0.9 })).toBe(400);
      expect(backoffDelay(1, { baseMs: 100, capMs: 500, jitter: 0.5, random: () => 0 })).toBe(100);
    });
  });
});
