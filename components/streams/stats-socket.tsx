'use client';
// The streams socket for the stats and event views, and requests with acknowledgements on it.
import type { Ack, StreamServerToClient } from '@/lib/realtime/stream-protocol.ts';
import { useStreamsSocket, type StreamsSocket } from './streams-socket.tsx';

export type { Ack };
export type StreamsSocketEvents = StreamServerToClient;
export const useStatsSocket = useStreamsSocket;

export function emitWithAck<T>(socket: StreamsSocket, event: 'stats:watch' | 'stats:host-watch' | 'events:follow', payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => (socket.emit as unknown as (e: string, p: unknown, ack: (a: Ack<T>) => void) => void)(event, payload, resolve));
}
