// What one socket has open (log follows, terminals, stats watches, event feeds), each with the
// requirements the socket door checked when it was opened. The one way streams are cut off:
// `enforce` stops every stream whose requirements the user no longer meets (the periodic session
// re-check and access-change pushes call it), `stopAll` ends them all (disconnect, sign-out,
// console stop). Nothing here knows what a kind of stream is; each registers how it stops.
// A socket's OpenStreams also counts against its user's bound (UserStreamLimit): however many tabs
// or sockets one user opens, their live streams together stay under WHARF_MAX_STREAMS_PER_USER.
import 'server-only';
import type { EndReason } from '@/lib/services/streams/end-reason.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { meetsAll, type Requirement } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

export const STREAM_KINDS = ['logs', 'exec', 'host-ssh', 'stats', 'events'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

/** How a kind of stream is cut off when access is withdrawn (shown to the user as the reason). */
const WITHDRAWN: Record<StreamKind, Message> = {
  logs: msg('streamText.withdrawn.logs'),
  exec: msg('streamText.withdrawn.exec'),
  'host-ssh': msg('streamText.withdrawn.hostSsh'),
  stats: msg('streamText.withdrawn.stats'),
  events: msg('streamText.withdrawn.events'),
};

/** `stop` ends the stream and says why to the browser; terminals resolve once they have cleaned up. */
export type OpenStream = { id: string; kind: StreamKind; requirements: readonly Requirement[]; stop: (reason: EndReason) => void | Promise<void> };

/** The default of WHARF_MAX_STREAMS_PER_USER. */
export const DEFAULT_MAX_STREAMS_PER_USER = 100;

export const tooManyStreams = (max: number): Message => msg('streams.errors.tooMany', { max });

/** The refusal in English, as tests and logs read it. */
export function tooManyStreamsMessage(max: number): string {
  return renderMessage(tooManyStreams(max));
}

/**
 * One bound on the live streams of each user, across all their sockets. Each socket of a user gets
 * its OpenStreams from `join` and gives it back with `leave` when it goes; an open is refused when
 * the user's streams, open and being opened, already reach `max`.
 */
export class UserStreamLimit {
  private readonly byUser = new Map<string, Set<OpenStreams>>();

  constructor(readonly max: number = DEFAULT_MAX_STREAMS_PER_USER) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`the bound on streams per user must be a whole number above 0, not ${max}`);
  }

  /** The OpenStreams of a new socket of `userId`, counted against the user's bound. */
  join(userId: string): OpenStreams {
    const streams = new OpenStreams({ userId, limit: this });
    const sockets = this.byUser.get(userId) ?? new Set<OpenStreams>();
    sockets.add(streams);
    this.byUser.set(userId, sockets);
    return streams;
  }

  /** The socket went: its streams no longer count (stop them first). */
  leave(streams: OpenStreams): void {
    const userId = streams.owner?.userId;
    const sockets = userId === undefined ? undefined : this.byUser.get(userId);
    if (!sockets || userId === undefined) return;
    sockets.delete(streams);
    if (!sockets.size) this.byUser.delete(userId);
  }

  /** The user's streams, open and being opened, on all their sockets. */
  total(userId: string): number {
    let n = 0;
    for (const streams of this.byUser.get(userId) ?? []) n += streams.total;
    return n;
  }

  /** Throws the refusal the user sees when one more stream would pass the bound. */
  check(userId: string): void {
    if (this.total(userId) >= this.max) throw new AppError('RATE_LIMITED', tooManyStreams(this.max));
  }
}

export class OpenStreams {
  private readonly streams = new Map<string, OpenStream>();
  /** Opens under way (between the door's check and the stream's arrival), per kind, for limits. */
  private readonly pending = new Map<StreamKind, number>();

  /** `owner`: whose streams these are and the bound they count against (none in tests of one socket). */
  constructor(readonly owner?: { userId: string; limit: UserStreamLimit }) {}

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

  /** Every stream, open and being opened, of every kind. */
  get total(): number {
    let n = this.streams.size;
    for (const count of this.pending.values()) n += count;
    return n;
  }

  /**
   * Counts an open in progress against the kind's limit until `work` settles. Refused at once when
   * the user's bound is reached; the check and the count happen in one synchronous step, so
   * concurrent opens cannot all pass it.
   */
  async opening<T>(kind: StreamKind, work: () => Promise<T>): Promise<T> {
    if (this.owner) this.owner.limit.check(this.owner.userId);
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
      if (!meetsAll(actor.grants, stream.requirements, actor.id)) {
        this.streams.delete(stream.id);
        void stream.stop(WITHDRAWN[stream.kind]);
      }
    }
  }

  /** Ends every stream; resolves when they have all cleaned up. */
  async stopAll(reason: EndReason): Promise<void> {
    const all = [...this.streams.values()];
    this.streams.clear();
    await Promise.allSettled(all.map(async (stream) => stream.stop(reason)));
  }

  get size(): number {
    return this.streams.size;
  }
}
