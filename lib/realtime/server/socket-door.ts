// The one door for messages a browser sends over socket.io, as authedAction is for server
// actions: the payload is validated with its zod schema, the requirements are authorized through
// authorize() (a refusal is audited there), and the handler runs; its outcome goes back on the
// acknowledgement in the same Result shape actions use (code, message, field errors).
//
// Two kinds of event pass it:
// - requests, which open something or read something (`requires` says what they need): a stream
//   a request opens is tracked under exactly the requirements checked here, so the periodic
//   session re-check and access-change pushes cut it off the moment they stop holding;
// - messages about one of the socket's own open streams (keystrokes, resizes, stops; `requires`
//   is OWN_STREAM): validated, then handed to the stream the socket already holds. They reach
//   nothing the socket did not open, and what it opened is re-checked all along.
// Every listener registered here is branded, so a test can prove no event bypasses the door.
import 'server-only';
import type { EndReason } from '@/lib/services/streams/end-reason.ts';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor.ts';
import type { SessionData } from './socket-sessions.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import type { Requirement } from '@/lib/auth/permissions.ts';
import type { Db } from '@/lib/db/client.ts';
import { AppError, settle, type Result } from '@/lib/errors.ts';
import { localeOfHeaders, type Locale } from '@/lib/i18n/locales.ts';
import { msg } from '@/lib/i18n/message.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import { atDoor, logUnexpected } from '@/lib/observability/door-log.ts';
import { withRequest } from '@/lib/observability/request-context.ts';
import type { OpenStreams, StreamKind } from './open-streams.ts';

/** What a socket carries once the session middleware has let it in. */
export type DoorSocketData = { actor: Actor; token: string; streams: OpenStreams; requestId?: string; droppedFor?: SessionData['droppedFor'] };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the door serves sockets of any protocol
export type DoorSocket = Socket<any, any, any, DoorSocketData>;

/** The message acts only on a stream the socket opened itself (authorized then, re-checked since). */
export const OWN_STREAM = Symbol('own stream');

export type Requires<I> = Requirement | Requirement[] | ((input: I, actor: Actor) => Requirement | Requirement[] | Promise<Requirement | Requirement[]>) | typeof OWN_STREAM;

export type EventContext<I> = {
  socket: DoorSocket;
  actor: Actor;
  input: I;
  /** Registers a stream this request opened, under the requirements the door checked for it and
   * any the handler checked itself on what it found (`also`). Call `release()` when the stream ends by itself. */
  track(kind: StreamKind, id: string, stop: (reason: EndReason) => void | Promise<void>, also?: readonly Requirement[]): { release(): void };
  /** Runs once the answer has gone out (a stream starts sending only after the browser knows its id). */
  afterReply(start: () => void): void;
};

const BRAND = Symbol.for('wharf.socket-door');
type Branded = ((...args: unknown[]) => void) & { [BRAND]?: string };

/** Whether a listener was registered through the door (for the test that proves nothing bypasses it). */
export const passedTheDoor = (listener: unknown): boolean => typeof listener === 'function' && typeof (listener as Branded)[BRAND] === 'string';

type Ack<R> = (result: Result<R>) => void;

export type SocketDoor = <S extends z.ZodType, R>(name: string, schema: S, requires: Requires<z.infer<S>>, handle: (ctx: EventContext<z.infer<S>>) => Promise<R> | R) => void;

/** The language to answer a socket in: its user's profile, else the page's cookie, else its browser's. */
export function socketLocale(socket: { data?: { actor?: Pick<Actor, 'locale'> }; handshake: DoorSocket['handshake'] }): Locale {
  const headers = socket.handshake.headers;
  const acceptLanguage = headers['accept-language'];
  return localeOfHeaders({ profile: socket.data?.actor?.locale, cookieHeader: headers.cookie, acceptLanguage: Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage });
}

/** The door of one socket: `on(name, schema, requires, handler)` registers a client event. */
export function socketDoor(socket: DoorSocket, db: Db): SocketDoor {
  return (name, schema, requires, handle) => {
    const listener: Branded = (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as Ack<unknown>) : null;
      const payload = ack ? args.slice(0, -1)[0] : args[0];
      // A request must be answered; one sent without an acknowledgement is dropped unanswered.
      if (requires !== OWN_STREAM && !ack) return;
      const starts: (() => void)[] = [];
      // Each event runs under its connection's request id (given when the socket connected).
      const visit = { door: 'socket' as const, name, level: requires === OWN_STREAM ? ('debug' as const) : ('info' as const), outcome: (result: Result<unknown>) => (result.ok ? {} : { code: result.error.code }) };
      const settled = () => atDoor(visit, () => settle(`socket ${name}`, async () => {
        const actor = socket.data.actor;
        if (!actor) throw new AppError('UNAUTHENTICATED', msg('errors.sessionEnded'));
        const input = parseInput(schema, payload);
        const checked = requires === OWN_STREAM ? [] : await authorizeAll(db, actor, typeof requires === 'function' ? await requires(input, actor) : requires);
        const track: EventContext<unknown>['track'] = (kind, id, stop, also = []) => {
          if (requires === OWN_STREAM) throw new Error(`${name} may not open streams: it has no requirements to re-check them against`);
          return socket.data.streams.add({ id, kind, requirements: [...checked, ...also], stop });
        };
        return handle({ socket, actor, input, track, afterReply: (start) => starts.push(start) });
      }, () => socketLocale(socket), (error) => logUnexpected('socket', name, error)));
      const requestId = socket.data.requestId;
      void (requestId ? withRequest(requestId, settled) : settled()).then((result) => {
        ack?.(result);
        if (result.ok) for (const start of starts) start();
      });
    };
    listener[BRAND] = name;
    socket.on(name, listener);
  };
}
