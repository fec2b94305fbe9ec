// Notifications that something changed, published by services and consumed by the inventory
// (start/stop watching hosts) and the realtime layer (push to browsers, re-check access). One feed
// per runtime; services receive it, they never import socket.io. With several replicas on one
// database, a relay (lib/events/change-relay.ts) sends what is published here to the others and
// delivers theirs here, so every replica sees every change.
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
  | { type: 'provision.updated'; jobId: string }
  /** A run under way on replica `replicaId` is to be cancelled there (asked on another replica), by `byName`. */
  | { type: 'provision.cancel-requested'; jobId: string; replicaId: string; byName: string };

export class ChangeFeed {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  private outbound: ((change: Change) => void) | null = null;

  /** A change made by this replica: told to the subscribers here, and to the relay if one is attached. */
  publish(change: Change): void {
    this.emitter.emit('change', change);
    this.outbound?.(change);
  }

  /** A change another replica published (from the relay): told to the subscribers here only. */
  deliver(change: Change): void {
    this.emitter.emit('change', change);
  }

  /** Sends every change published from now on to `send` as well (the relay); returns how to stop. */
  relayTo(send: (change: Change) => void): () => void {
    this.outbound = send;
    return () => {
      if (this.outbound === send) this.outbound = null;
    };
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
