import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { sayReason } from '@/lib/services/streams/end-reason.ts';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Grant } from '@/lib/auth/permissions.ts';
import type { Db } from '@/lib/db/client.ts';
import { AppError, type Result } from '@/lib/errors.ts';
import { STREAM_CLIENT_EVENTS } from '@/lib/realtime/stream-protocol.ts';
import { OpenStreams } from './open-streams.ts';
import { OWN_STREAM, passedTheDoor, socketDoor, type DoorSocket } from './socket-door.ts';
import { registerStreamHandlers } from './streams/attach-streams.ts';
import type { StreamSocket, StreamsDeps } from './streams/stream-types.ts';
import { captureLog } from '@/tests/support/capture-log.ts';

// authorize() records denials; here the audit write fails, which it logs and survives.
const db = { auditEntry: { create: () => Promise.reject(new Error('no database in unit tests')) } } as unknown as Db;

const viewerOf = (scope: Grant['scope']): Actor => ({ id: 'u1', username: 'vic', role: 'viewer', grants: [{ role: 'viewer', scope }], sessionId: 's1', ip: null });
const HOST_A = 'haaaaaaaaaaaaaaaaaaaaaaaa';

function fakeSocket(actor: Actor) {
  const socket = new EventEmitter() as EventEmitter & { data: unknown; connected: boolean };
  socket.data = { actor, token: 't', streams: new OpenStreams() };
  socket.connected = true;
  return socket as unknown as DoorSocket & EventEmitter;
}

/** Emits like a browser with an acknowledgement, and waits for the answer. */
const ask = (socket: EventEmitter, event: string, payload: unknown) => new Promise<Result<unknown>>((resolve) => socket.emit(event, payload, resolve));
const settleAll = () => new Promise((r) => setImmediate(r));

const schema = z.object({ hostId: z.string().regex(/^h[a-z]{24}$/) });
const onHost = (input: { hostId: string }) => [{ permission: 'container.logs' as const, target: { type: 'host' as const, id: input.hostId } }];

describe('the socket door', () => {
  it('answers a request that fails its schema with INVALID_INPUT and the field, without running the handler', async () => {
    const socket = fakeSocket(viewerOf({ type: 'global' }));
    const handler = vi.fn();
    socketDoor(socket, db)('logs:follow', schema, onHost, handler);
    const answer = await ask(socket, 'logs:follow', { hostId: '../../etc' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fieldErrors: { hostId: [expect.any(String)] } } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses what the user may not do with FORBIDDEN, in the same shape as actions, without running the handler', async () => {
    const socket = fakeSocket(viewerOf({ type: 'host', id: 'hbbbbbbbbbbbbbbbbbbbbbbbb' }));
    const handler = vi.fn();
    socketDoor(socket, db)('logs:follow', schema, onHost, handler);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await ask(socket, 'logs:follow', { hostId: HOST_A });
    expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'You are not allowed to read container and service logs.' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs an allowed request with the parsed input, answers with its result, then starts what waits for the answer', async () => {
    const socket = fakeSocket(viewerOf({ type: 'host', id: HOST_A }));
    const order: string[] = [];
    socketDoor(socket, db)('logs:follow', schema, onHost, ({ input, afterReply }) => {
      afterReply(() => order.push('started'));
      return { seen: input.hostId };
    });
    const answer = await new Promise<Result<unknown>>((resolve) =>
      socket.emit('logs:follow', { hostId: HOST_A, extra: 'dropped' }, (result: Result<unknown>) => {
        order.push('answered');
        resolve(result);
      }),
    );
    expect(answer).toEqual({ ok: true, data: { seen: HOST_A } });
    expect(order).toEqual(['answered', 'started']);
  });

  it("keeps an expected error's message and hides an unexpected one", async () => {
    const socket = fakeSocket(viewerOf({ type: 'global' }));
    const on = socketDoor(socket, db);
    on('logs:follow', schema, onHost, () => {
      throw new AppError('PRECONDITION', 'At most 16 log streams at once per tab.');
    });
    on('logs:history', schema, onHost, () => {
      throw new Error('secret internals');
    });
    const logged = captureLog();
    try {
      expect(await ask(socket, 'logs:follow', { hostId: HOST_A })).toEqual({ ok: false, error: { code: 'PRECONDITION', message: 'At most 16 log streams at once per tab.' } });
      const hidden = await ask(socket, 'logs:history', { hostId: HOST_A });
      expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(JSON.stringify(hidden)).not.toContain('secret internals');
    } finally {
      logged.restore();
    }
    // The defect is logged on the server (with its stack), the expected refusal only as an outcome.
    expect(logged.lines().filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ component: 'door', door: 'socket', name: 'logs:history', err: expect.objectContaining({ message: 'secret internals' }) })]);
    expect(logged.lines()).toContainEqual(expect.objectContaining({ level: 'info', door: 'socket', name: 'logs:follow', code: 'PRECONDITION' }));
  });

  it('drops a request sent without an acknowledgement', async () => {
    const socket = fakeSocket(viewerOf({ type: 'global' }));
    const handler = vi.fn();
    socketDoor(socket, db)('logs:follow', schema, onHost, handler);
    socket.emit('logs:follow', { hostId: HOST_A });
    await settleAll();
    expect(handler).not.toHaveBeenCalled();
  });

  it('tracks a stream under exactly the requirements it checked, and cuts it off when they stop holding', async () => {
    const socket = fakeSocket(viewerOf({ type: 'host', id: HOST_A }));
    const streams = socket.data.streams;
    const stopped: string[] = [];
    socketDoor(socket, db)('logs:follow', schema, onHost, ({ track }) => {
      track('logs', 'stream-1', (reason) => void stopped.push(sayReason(reason)));
      return null;
    });
    expect((await ask(socket, 'logs:follow', { hostId: HOST_A })).ok).toBe(true);
    expect(streams.count('logs')).toBe(1);
    // Still allowed (another grant added): kept.
    streams.enforce({ ...viewerOf({ type: 'host', id: HOST_A }), grants: [{ role: 'viewer', scope: { type: 'host', id: HOST_A } }, { role: 'viewer', scope: { type: 'host', id: 'hbbbbbbbbbbbbbbbbbbbbbbbb' } }] });
    expect(stopped).toEqual([]);
    // The grant on this host is gone: stopped, with the kind's reason.
    streams.enforce(viewerOf({ type: 'host', id: 'hbbbbbbbbbbbbbbbbbbbbbbbb' }));
    expect(stopped).toEqual(['Your access to these logs was withdrawn.']);
    expect(streams.count('logs')).toBe(0);
  });

  it('hands a message about an own stream to its handler without an answer, ignores a malformed one, and lets it open nothing', async () => {
    const socket = fakeSocket(viewerOf({ type: 'global' }));
    const seen: unknown[] = [];
    const on = socketDoor(socket, db);
    on('logs:stop', z.object({ streamId: z.string().min(8) }), OWN_STREAM, ({ input }) => void seen.push(input));
    on('exec:close', z.object({ sessionId: z.string() }), OWN_STREAM, ({ track }) => void track('exec', 'x', () => {}));
    const logged = captureLog();
    try {
      socket.emit('logs:stop', { streamId: 'abcdefgh12' });
      socket.emit('logs:stop', { streamId: 3 });
      socket.emit('exec:close', { sessionId: 'abc' });
      await settleAll();
    } finally {
      logged.restore();
    }
    expect(seen).toEqual([{ streamId: 'abcdefgh12' }]);
    expect(socket.data.streams.size).toBe(0);
    expect(logged.lines().filter((l) => l.level === 'error').map((l) => l.name)).toEqual(['exec:close']);
  });
});

describe('the streams namespace', () => {
  it('registers every client event of the protocol, each through the socket door, and nothing else', () => {
    const socket = fakeSocket(viewerOf({ type: 'global' }));
    const deps = { db, engines: () => ({}), machines: () => ({}), execIdleMs: 1000 } as unknown as StreamsDeps;
    const hub = { watchContainer: vi.fn(), watchHost: vi.fn(), unwatch: vi.fn(), active: vi.fn(), close: vi.fn() };
    registerStreamHandlers(socket as unknown as StreamSocket, deps, hub);
    const names = socket.eventNames().map(String);
    expect([...names].sort()).toEqual([...STREAM_CLIENT_EVENTS].sort());
    for (const name of names) {
      const listeners = socket.listeners(name);
      expect(listeners, name).toHaveLength(1);
      expect(passedTheDoor(listeners[0]), `${name} was registered outside the socket door`).toBe(true);
    }
  });
});
