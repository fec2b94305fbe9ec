import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io';
import { congested, pauseWhileCongested } from './flow-control.ts';

function fakeSocket(packets: number, bytes: number) {
  const conn = { writeBuffer: Array(packets).fill({}), transport: { socket: { bufferedAmount: bytes } } };
  return { socket: { conn, disconnected: false } as unknown as Socket, conn };
}

function fakeStream() {
  let paused = false;
  return { pause: vi.fn(() => (paused = true)), resume: vi.fn(() => (paused = false)), isPaused: () => paused };
}

describe('flow control', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sees congestion in queued packets or queued bytes', () => {
    expect(congested(fakeSocket(0, 0).socket)).toBe(false);
    expect(congested(fakeSocket(100, 0).socket)).toBe(true);
    expect(congested(fakeSocket(0, 5 * 1024 * 1024).socket)).toBe(true);
  });

  it('leaves a flowing stream alone while the socket keeps up', () => {
    const stream = fakeStream();
    pauseWhileCongested(fakeSocket(1, 1000).socket, stream, () => false);
    expect(stream.pause).not.toHaveBeenCalled();
  });

  it('pauses the engine stream while the browser is behind and resumes once drained', () => {
    const { socket, conn } = fakeSocket(0, 4 * 1024 * 1024);
    const stream = fakeStream();
    pauseWhileCongested(socket, stream, () => false);
    expect(stream.isPaused()).toBe(true);
    vi.advanceTimersByTime(200);
    expect(stream.resume).not.toHaveBeenCalled();
    conn.transport.socket.bufferedAmount = 100 * 1024;
    vi.advanceTimersByTime(50);
    expect(stream.isPaused()).toBe(false);
  });

  it('never resumes a stream that was closed meanwhile', () => {
    const { socket, conn } = fakeSocket(100, 0);
    const stream = fakeStream();
    let closed = false;
    pauseWhileCongested(socket, stream, () => closed);
    closed = true;
    conn.writeBuffer = [];
    vi.advanceTimersByTime(1000);
    expect(stream.resume).not.toHaveBeenCalled();
  });
});
