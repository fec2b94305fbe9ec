'use client';
// The browser side of the streams namespace (lib/realtime/stream-protocol.ts), for log viewers
// and terminals (container exec and host SSH). socket.io multiplexes it over the tab's connection
// where it can; the server authenticates it from the session cookie like the live-updates socket.
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { STREAMS_NAMESPACE, type Ack, type StreamClientToServer, type StreamServerToClient } from '@/lib/realtime/stream-protocol.ts';

export type StreamsSocket = Socket<StreamServerToClient, StreamClientToServer>;

/** One socket for the component's lifetime; `connected` follows its state. */
export function useStreamsSocket(): { socket: StreamsSocket | null; connected: boolean } {
  const [socket, setSocket] = useState<StreamsSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const s: StreamsSocket = io(STREAMS_NAMESPACE, { path: SOCKET_PATH, transports: ['websocket'], withCredentials: true });
    s.on('connect', () => setConnected(true));
    s.on('disconnect', () => setConnected(false));
    s.on('session:ended', () => window.location.assign('/login'));
    setSocket(s);
    return () => {
      s.removeAllListeners();
      s.disconnect();
    };
  }, []);
  return { socket, connected };
}

/** Emits a request and resolves with its acknowledgement. */
export function request<T>(socket: StreamsSocket, event: 'logs:follow' | 'logs:history' | 'exec:open' | 'host-ssh:open', payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => (socket.emit as unknown as (e: string, p: unknown, ack: (a: Ack<T>) => void) => void)(event, payload, resolve));
}
