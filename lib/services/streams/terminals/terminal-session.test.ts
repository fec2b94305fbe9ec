import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sayReason } from '@/lib/services/streams/end-reason.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Db } from '@/lib/db/client.ts';
import { DEFAULT_TERMINAL_IDLE_MS, TerminalSession, terminalIdleMsFromEnv, type TerminalBackend } from './terminal-session.ts';

const actor: Actor = { id: 'u1', username: 'op', role: 'operator', grants: [], sessionId: 's', ip: null };

/** A back end whose far side the test plays: it writes output, ends, and says what hanging up left. */
function fakeBackend(leftBehind: string | null = null) {
  const out = new PassThrough();
  const err = new PassThrough();
  const written: string[] = [];
  const sizes: { cols: number; rows: number }[] = [];
  let hangUps = 0;
  let end: (reason: string) => void = () => {};
  const backend: TerminalBackend = {
    outputs: [out, err],
    flow: out,
    write: (data) => void written.push(data),
    resize: (size) => void sizes.push(size),
    onEnd: (ended) => (end = ended),
    hangUp: async () => {
      hangUps++;
      return leftBehind;
    },
  };
  return { backend, out, err, written, sizes, farEnd: (reason: string) => end(reason), hangUps: () => hangUps };
}

function open(leftBehind: string | null = null, idleMs?: number) {
  const rows: Record<string, unknown>[] = [];
  const db = { auditEntry: { create: async ({ data }: { data: Record<string, unknown> }) => (rows.push(data), { id: String(rows.length) }) } } as unknown as Db;
  const far = fakeBackend(leftBehind);
  const data: string[] = [];
  const exits: string[] = [];
  const session = new TerminalSession({ what: 'test' }, far.backend, { db, actor, action: 'container.exec.end', target: { type: 'container', id: 'c1', name: 'lab-1/web' }, describe: 'command ["sh"]' }, { onData: (d) => void data.push(d), onExit: (r) => void exits.push(sayReason(r)) }, idleMs);
  return { session, far, data, exits, rows };
}

const tick = () => new Promise((r) => setImmediate(r));

afterEach(() => vi.useRealTimers());

describe('a terminal session', () => {
  it('sends output only after begin, decoding UTF-8 split across chunks, from every output', async () => {
    const { session, far, data } = open();
    far.out.write('early ');
    await tick();
    expect(data).toEqual([]);
    session.begin();
    const euro = Buffer.from('€');
    far.out.write(euro.subarray(0, 1));
    far.out.write(euro.subarray(1));
    far.err.write('oops');
    await tick();
    expect(data.join('')).toContain('€');
    expect(data.join('')).toContain('oops');
    expect(data).not.toContain('\ufffd');
  });

  it('writes keystrokes and resizes within the allowed sizes', async () => {
    const { session, far } = open();
    session.write('ls\r');
    await session.resize(120, 40);
    await expect(session.resize(0, 40)).rejects.toThrow();
    expect(far.written).toEqual(['ls\r']);
    expect(far.sizes).toEqual([{ cols: 120, rows: 40 }]);
  });

  it('ends once, whoever ends it first: hangs up, audits why and how long, and tells the caller once', async () => {
    const { session, far, exits, rows } = open();
    await Promise.all([session.close('Closed by the user.'), session.close('The browser disconnected.')]);
    far.farEnd('The command ended.');
    await tick();
    expect(far.hangUps()).toBe(1);
    expect(exits).toEqual(['Closed by the user.']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'container.exec.end', result: 'succeeded', message: expect.stringMatching(/^command \["sh"\]; Closed by the user\. After \d+ s\.$/) });
    session.write('late');
    expect(far.written).toEqual([]);
    expect(session.closed).toBe(true);
  });

  it('ends when the far side ends, and records what may be left behind as a failure', async () => {
    const { session, far, exits, rows } = open('A process may still run in the container.');
    far.farEnd('The command ended.');
    await session.close('ignored');
    expect(exits).toEqual(['The command ended.']);
    expect(rows[0]).toMatchObject({ result: 'failed', message: expect.stringContaining('A process may still run in the container.') });
  });

  it('closes after the idle time, and activity pushes it back', async () => {
    vi.useFakeTimers();
    const { session, far, exits } = open(null, 60_000);
    session.begin();
    await vi.advanceTimersByTimeAsync(50_000);
    session.write('x');
    await vi.advanceTimersByTimeAsync(50_000);
    expect(exits).toEqual([]);
    far.out.write('y');
    await vi.advanceTimersByTimeAsync(50_000);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(exits).toEqual(['Closed after 1 min without activity.']);
  });

  it('reads the idle time from WHARF_EXEC_IDLE_MINUTES, else 15 minutes', () => {
    expect(terminalIdleMsFromEnv({ WHARF_EXEC_IDLE_MINUTES: '2' })).toBe(120_000);
    expect(terminalIdleMsFromEnv({ WHARF_EXEC_IDLE_MINUTES: 'soon' })).toBe(DEFAULT_TERMINAL_IDLE_MS);
    expect(terminalIdleMsFromEnv({ WHARF_EXEC_IDLE_MINUTES: '-1' })).toBe(DEFAULT_TERMINAL_IDLE_MS);
    expect(terminalIdleMsFromEnv({})).toBe(15 * 60_000);
  });
});
