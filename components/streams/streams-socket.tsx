'use client';
// The browser side of the streams namespace (lib/realtime/stream-protocol.ts): one typed hook for
// every stream view (logs, terminals, stats, events) and one typed request helper. socket.io
// multiplexes the namespace over the tab's connection; the server authenticates it from the
// session cookie and answers requests with the same Result shape as server actions.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import { keepConnected } from '@/lib/realtime/client/keep-connected.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { STREAMS_NAMESPACE, type Ack, type RequestPayload, type RequestReply, type StreamClientToServer, type StreamRequest, type StreamServerToClient } from '@/lib/realtime/stream-protocol.ts';

export type StreamsSocket = Socket<StreamServerToClient, StreamClientToServer>;
export type { Ack };

/** One socket for the component's lifetime (made on the first render in the browser, connected
 * while mounted); `connected` follows its state. The socket may already be connecting when the
 * component mounts (a tab's open connection is shared), so its state is read, not only heard. */
export function useStreamsSocket(): { socket: StreamsSocket | null; connected: boolean } {
  const [socket] = useState<StreamsSocket | null>(() =>
    typeof window === 'undefined' ? null : io(STREAMS_NAMESPACE, { path: SOCKET_PATH, transports: ['websocket'], withCredentials: true, autoConnect: false }),
  );
  const subscribe = useCallback(
    (changed: () => void) => {
      socket?.on('connect', changed);
      socket?.on('disconnect', changed);
      return () => {
        socket?.off('connect', changed);
        socket?.off('disconnect', changed);
      };
    },
    [socket],
  );
  const connected = useSyncExternalStore(subscribe, () => socket?.connected ?? false, () => false);
  useEffect(() => {
    if (!socket) return;
    // Streams end with a dropped socket; the views open them again once it is back (after a refusal
    // or a drop for want of the database too: keepConnected tries again).
    const release = keepConnected(socket, { ended: () => window.location.assign('/login') });
    socket.connect();
    return () => {
      release();
      socket.disconnect();
    };
  }, [socket]);
  return { socket, connected };
}

/** Sends a request and resolves with its answer (typed by the event). */
export function request<E extends StreamRequest>(socket: StreamsSocket, event: E, payload: RequestPayload<E>): Promise<Ack<RequestReply<E>>> {
  return new Promise((resolve) => (socket.emit as unknown as (e: string, p: unknown, ack: (a: Ack<RequestReply<E>>) => void) => void)(event, payload, resolve));
}

type Listeners = { [K in keyof StreamServerToClient]?: StreamServerToClient[K] };

export type Subscription<E extends StreamRequest> = {
  /** Opens only while true (and the socket is connected). */
  enabled?: boolean;
  event: E;
  payload: RequestPayload<E>;
  /** The id of what the request opened, from its answer. */
  idOf: (reply: RequestReply<E>) => string;
  /** The message that stops it (sent on unmount, on a dependency change, or if the answer arrives late). */
  stop: (socket: StreamsSocket, id: string) => void;
  /** Listeners for the stream's messages; `mine(id)` says whether a message is this stream's. */
  listeners: (mine: (id: string) => boolean) => Listeners;
  opened?: (reply: RequestReply<E>) => void;
  refused: (message: string) => void;
};

/** Keeps one stream open while mounted and connected (again after a reconnect), and stops it when
 * the component goes or `deps` change. For stats watches and event feeds. */
export function useStreamSubscription<E extends StreamRequest>({ socket, connected }: { socket: StreamsSocket | null; connected: boolean }, subscription: Subscription<E>, deps: readonly unknown[]): void {
  const { enabled = true } = subscription;
  useEffect(() => {
    if (!socket || !connected || !enabled) return;
    let id: string | null = null;
    let gone = false;
    const listeners = Object.entries(subscription.listeners((candidate) => candidate === id)) as [keyof StreamServerToClient, (...args: unknown[]) => void][];
    for (const [event, listener] of listeners) socket.on(event, listener as never);
    void request(socket, subscription.event, subscription.payload).then((ack) => {
      if (!ack.ok) return subscription.refused(ack.error.message);
      if (gone) return subscription.stop(socket, subscription.idOf(ack.data));
      id = subscription.idOf(ack.data);
      subscription.opened?.(ack.data);
    });
    return () => {
      gone = true;
      for (const [event, listener] of listeners) socket.off(event, listener as never);
      if (id) subscription.stop(socket, id);
    };
    // The subscription is described anew each render; `deps` say when it really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, connected, enabled, ...deps]);
}
