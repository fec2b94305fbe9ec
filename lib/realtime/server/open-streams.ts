// What one socket has open (log follows, terminals, stats watches, event feeds), each with the
// requirements the socket door checked when it was opened. The one way streams are cut off:
// `enforce` stops every stream whose requirements the user no longer meets (the periodic session
// re-check and access-change pushes call it), `stopAll` ends them all (disconnect, sign-out,
// console stop). Nothing here knows what a kind of stream is; each registers how it stops.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { meetsAll, type Requirement } from '@/lib/auth/permissions.ts';

export type StreamKind = 'logs' | 'exec' | 'host-ssh' | 'stats' | 'events';

/** How a kind of stream is cut off when access is withdrawn (shown to the user as the reason). */
const WITHDRAWN: Record<StreamKind, string> = {
  logs: 'Your access to these logs was withdrawn.',
  exec: 'Your access to terminals on this host was withdrawn.',
  'host-ssh': 'Your access to SSH on this host was withdrawn.',
  stats: 'Your access to this host was withdrawn.',
  events: 'Your access to these events was withdrawn.',
};

/** `stop` ends the stream and says why to the browser; terminals resolve once they have cleaned up. */
export type OpenStream = { id: string; kind: StreamKind; requirements: readonly Requirement[]; stop: (reason: string) => void | Promise<void> };

export class OpenStreams {
  private readonly streams = new Map<string, OpenStream>();
  /** Opens under way (between the door's check and the stream's arrival), per kind, for limits. */
  private readonly pending = new Map<StreamKind, number>();

  /** Registers a stream; `release` forgets it (call it when the stream ends by itself). */
  add(stream: OpenStream): { release(): void } {
    this.streams.set(stream.id, stream);
    return { release: () => this.streams.get(stream.id) === stream && this.streams.delete(stream.id) };
  }

  get(kind: StreamKind, id: unknown): OpenStream | undefined {
    const stream = typeof id === 'string' ? this.streams.get(id) : undefined;
    return stream?.kind === kind ? stream : undefined;
  }

  count(kind: StreamKind): number {
    let n = this.pending.get(kind) ?? 0;
    for (const s of this.streams.values()) if (s.kind === kind) n++;
    return n;
  }

  /** Counts an open in progress against the kind's limit until `work` settles. */
  async opening<T>(kind: StreamKind, work: () => Promise<T>): Promise<T> {
    this.pending.set(kind, (this.pending.get(kind) ?? 0) + 1);
    try {
      return await work();
    } finally {
      this.pending.set(kind, (this.pending.get(kind) ?? 1) - 1);
    }
  }

  /** Stops what `actor` may no longer use; the rest stays open. */
  enforce(actor: Actor): void {
    for (const stream of [...this.streams.values()]) {
      if (!meetsAll(actor.grants, stream.requirements)) {
        this.streams.delete(stream.id);
        void stream.stop(WITHDRAWN[stream.kind]);
      }
    }
  }

  /** Ends every stream; resolves when they have all cleaned up. */
  async stopAll(reason: string): Promise<void> {
    const all = [...this.streams.values()];
    this.streams.clear();
    await Promise.allSettled(all.map(async (stream) => stream.stop(reason)));
  }

  get size(): number {
    return this.streams.size;
  }
}
