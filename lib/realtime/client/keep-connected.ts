// Keeps a socket.io client socket connected through what socket.io does not retry by itself (a
// refusal the server marks retryable, a drop after `session:suspended`), by reconnect-policy.ts.
// Framework-free: the browser's live updates and stream views use it, and so do the tests that
// play a browser.
import type { Socket } from 'socket.io-client';
import { reconnectsAfterDrop, retriesRefusal, retryDelayMs } from './reconnect-policy.ts';

export type KeepConnectedHooks = {
  /** The server ended the session (`session:ended`): nothing more is tried. */
  ended?: (reason: string) => void;
  /** The server cannot check the session now (its database did not answer): the socket tries again. */
  suspended?: () => void;
  /** A refusal at the door that is final (not signed in). */
  refused?: (message: string) => void;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any protocol's socket
type AnySocket = Socket<any, any>;

/** Attaches the policy to `socket`; the answer detaches it and stops any pending try. */
export function keepConnected(socket: AnySocket, hooks: KeepConnectedHooks = {}, random: () => number = Math.random): () => void {
  let attempt = 0;
  let sessionEnded = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const later = () => {
    if (timer || sessionEnded) return;
    timer = setTimeout(() => {
      timer = null;
      if (!socket.connected && !sessionEnded) socket.connect();
    }, retryDelayMs(attempt++, random));
  };
  const onConnect = () => {
    attempt = 0;
  };
  const onEnded = (message: { reason: string }) => {
    sessionEnded = true;
    hooks.ended?.(message.reason);
  };
  const onSuspended = () => hooks.suspended?.();
  const onDisconnect = (reason: string) => {
    if (reconnectsAfterDrop(reason, sessionEnded)) later();
  };
  const onRefused = (error: Error & { data?: unknown }) => {
    // socket.io retries a lost connection itself (the socket stays active); a refusal at the door it does not.
    if (socket.active) return;
    if (retriesRefusal(error)) {
      hooks.suspended?.();
      later();
    } else hooks.refused?.(error.message);
  };
  socket.on('connect', onConnect);
  socket.on('session:ended', onEnded);
  socket.on('session:suspended', onSuspended);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onRefused);
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
    socket.off('connect', onConnect);
    socket.off('session:ended', onEnded);
    socket.off('session:suspended', onSuspended);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onRefused);
  };
}
