import { describe, expect, it } from 'vitest';
import { sayReason } from '@/lib/services/streams/end-reason.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Grant } from '@/lib/auth/permissions.ts';
import { OpenStreams, tooManyStreamsMessage, UserStreamLimit } from './open-streams.ts';

const actor = (grants: Grant[]): Actor => ({ id: 'u1', username: 'op', role: 'operator', grants, sessionId: 's', ip: null });
const onHost = (id: string) => ({ type: 'host' as const, id });

describe('OpenStreams', () => {
  it('counts streams and opens in progress per kind', async () => {
    const streams = new OpenStreams();
    streams.add({ id: 'a', kind: 'exec', requirements: [], stop: () => {} });
    let during = -1;
    await streams.opening('exec', async () => {
      during = streams.count('exec');
    });
    expect(during).toBe(2);
    expect(streams.count('exec')).toBe(1);
    expect(streams.count('logs')).toBe(0);
    // An open that fails still gives its place back.
    await expect(streams.opening('exec', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(streams.count('exec')).toBe(1);
  });

  it('finds a stream only under its own kind', () => {
    const streams = new OpenStreams();
    streams.add({ id: 'a', kind: 'exec', requirements: [], stop: () => {} });
    expect(streams.get('exec', 'a')?.id).toBe('a');
    expect(streams.get('host-ssh', 'a')).toBeUndefined();
    expect(streams.get('exec', 42)).toBeUndefined();
  });

  it('stops exactly the streams whose requirements no longer hold, each with its kind\'s reason', () => {
    const streams = new OpenStreams();
    const stopped: [string, string][] = [];
    const add = (id: string, kind: 'exec' | 'host-ssh' | 'logs', permission: 'container.exec' | 'host.ssh' | 'container.logs', host: string) =>
      streams.add({ id, kind, requirements: [{ permission, target: onHost(host) }], stop: (reason) => void stopped.push([id, sayReason(reason)]) });
    add('t1', 'exec', 'container.exec', 'h1');
    add('t2', 'exec', 'container.exec', 'h2');
    add('s1', 'host-ssh', 'host.ssh', 'h1');
    add('l1', 'logs', 'container.logs', 'h1');
    // An operator on h1 only: no SSH (administrators only), no terminal on h2.
    streams.enforce(actor([{ role: 'operator', scope: onHost('h1') }]));
    expect(stopped).toEqual([
      ['t2', 'Your access to terminals on this host was withdrawn.'],
      ['s1', 'Your access to SSH on this host was withdrawn.'],
    ]);
    expect(streams.size).toBe(2);
    // Nothing left: all of them go.
    streams.enforce(actor([]));
    expect(stopped.map(([id]) => id)).toEqual(['t2', 's1', 't1', 'l1']);
    expect(streams.size).toBe(0);
  });

  it('a stream with several requirements needs all of them', () => {
    const streams = new OpenStreams();
    const stopped: string[] = [];
    streams.add({
      id: 'svc',
      kind: 'logs',
      requirements: [
        { permission: 'service.view', target: { type: 'swarm', id: 'w1' } },
        { permission: 'container.logs', target: { type: 'swarm', id: 'w1' } },
      ],
      stop: (reason) => void stopped.push(sayReason(reason)),
    });
    streams.enforce(actor([{ role: 'viewer', scope: { type: 'swarm', id: 'w1' } }]));
    expect(stopped).toEqual([]);
    streams.enforce(actor([{ role: 'viewer', scope: { type: 'swarm', id: 'w2' } }]));
    expect(stopped).toEqual(['Your access to these logs was withdrawn.']);
  });

  it('stopAll ends everything, waits for terminals to clean up, and forgets them; release forgets one', async () => {
    const streams = new OpenStreams();
    const done: string[] = [];
    const kept = streams.add({ id: 'a', kind: 'logs', requirements: [], stop: () => void done.push('a') });
    streams.add({ id: 'b', kind: 'exec', requirements: [], stop: async () => {
      await new Promise((r) => setTimeout(r, 5));
      done.push('b');
    } });
    kept.release();
    kept.release();
    expect(streams.size).toBe(1);
    await streams.stopAll('The browser disconnected.');
    expect(done).toEqual(['b']);
    expect(streams.size).toBe(0);
  });
});

describe('UserStreamLimit', () => {
  const stream = (id: string) => ({ id, kind: 'logs' as const, requirements: [], stop: () => {} });
  /** Opens a stream the way the handlers do: counted while opening, then added. */
  const open = async (streams: OpenStreams, id: string) => streams.add(await streams.opening('logs', async () => stream(id)));

  it("bounds one user's streams across all their sockets, and no one else's", async () => {
    const limit = new UserStreamLimit(3);
    const tab1 = limit.join('u1');
    const tab2 = limit.join('u1');
    await open(tab1, 'a');
    await open(tab2, 'b');
    await open(tab2, 'c');
    expect(limit.total('u1')).toBe(3);
    await expect(open(tab1, 'd')).rejects.toMatchObject({ code: 'RATE_LIMITED', message: tooManyStreamsMessage(3) });
    // Another user has a bound of their own.
    const other = limit.join('u2');
    await open(other, 'e');
    expect(limit.total('u2')).toBe(1);
  });

  it('counts opens under way, so opens started together cannot all pass', async () => {
    const limit = new UserStreamLimit(2);
    const tab = limit.join('u1');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const attempts = Array.from({ length: 5 }, (_, i) => tab.opening('logs', async () => (await gate, stream(`s${i}`))));
    release();
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(3);
  });

  it('gives places back when streams end, are stopped, or their socket leaves', async () => {
    const limit = new UserStreamLimit(2);
    const tab1 = limit.join('u1');
    const tab2 = limit.join('u1');
    const first = await open(tab1, 'a');
    await open(tab2, 'b');
    first.release();
    await open(tab1, 'c');
    await tab2.stopAll('gone');
    limit.leave(tab2);
    expect(limit.total('u1')).toBe(1);
    await open(tab1, 'd');
    await expect(open(tab1, 'e')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a bound that is not a whole number above 0', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new UserStreamLimit(bad)).toThrow('whole number above 0');
  });
});
