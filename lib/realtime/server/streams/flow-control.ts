// Backpressure from a browser's WebSocket to an engine stream: when the socket has too much
// waiting to be sent (engine.io's packet buffer, or bytes queued in the WebSocket), the engine
// stream is paused and resumed once the queue has drained. The server never buffers a stream's
// history, only what is in flight.
import 'server-only';
import type { Socket } from 'socket.io';

const HIGH_PACKETS = 32;
const HIGH_BYTES = 1024 * 1024;
const LOW_BYTES = 256 * 1024;
const POLL_MS = 20;

type Conn = { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };

function queued(socket: Socket): { packets: number; bytes: number } {
  const conn = socket.conn as unknown as Conn;
  return { packets: conn.writeBuffer?.length ?? 0, bytes: conn.transport?.socket?.bufferedAmount ?? 0 };
}

export function congested(socket: Socket): boolean {
  const q = queued(socket);
  return q.packets > HIGH_PACKETS || q.bytes > HIGH_BYTES;
}

/** Pauses `stream` while the socket is congested; resumes it when drained (or never, once closed). */
export function pauseWhileCongested(socket: Socket, stream: { pause(): unknown; resume(): unknown; isPaused(): boolean }, isClosed: () => boolean): void {
  if (stream.isPaused() || !congested(socket)) return;
  stream.pause();
  const check = () => {
    if (isClosed() || socket.disconnected) return;
    const q = queued(socket);
    if (q.packets <= HIGH_PACKETS / 2 && q.bytes <= LOW_BYTES) stream.resume();
    else setTimeout(check, POLL_MS).unref();
  };
  setTimeout(check, POLL_MS).unref();
}
