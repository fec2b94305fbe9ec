// In-process notifications that something changed, published by services and consumed by the
// inventory (start/stop watching hosts) and the realtime layer (push to browsers, re-check
// access). One feed per runtime; services receive it, they never import socket.io.
import 'server-only';
import { EventEmitter } from 'node:events';

export type Change =
  | { type: 'host.added'; hostId: string }
  | { type: 'host.updated'; hostId: string }
  | { type: 'host.removed'; hostId: string }
  /** The engine's own state changed in a way events may not show (joined or left a swarm): re-read it. */
  | { type: 'host.engine-changed'; hostId: string }
  | { type: 'user.access-changed'; userId: string }
  /** A provisioning run moved on (a step started or ended, its log grew, the run ended). */
  | { type: 'provision.updated'; jobId: string };

export class ChangeFeed {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  publish(change: Change): void {
    this.emitter.emit('change', change);
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
