// Sessions on sockets, for every namespace alike: one middleware that lets a socket in only with
// a valid session cookie (failing closed when the database cannot say), and one re-check loop
// that resolves the sessions of all open sockets in one query every few seconds (and at once when
// a user's access changes), ends the sockets of ended sessions (and drops every socket, sessions
// standing, while the database cannot say: the clients come back), and tells each namespace when a
// user's grants may have changed so it can cut off what they no longer allow.
import 'server-only';
import { parse as parseCookies } from 'cookie';
import type { Namespace, Socket } from 'socket.io';
import type { Actor } from '@/lib/auth/actor.ts';
import { resolveSession, resolveSessions, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { uncachedAccess, type AccessSource } from '@/lib/auth/access-cache.ts';
import type { Db } from '@/lib/db/client.ts';
import { log } from '@/lib/observability/logger.ts';
import { requestIdFrom, withRequest } from '@/lib/observability/request-context.ts';
import type { RefusalData } from '@/lib/realtime/client/reconnect-policy.ts';

/** `requestId`: the connection's (its handshake's X-Request-Id when safe), carried by its events' log lines. */
export type SessionData = { actor: Actor; token: string; requestId?: string; droppedFor?: 'suspended' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- namespaces of any protocol share this
type SessionSocket = Socket<any, any, any, SessionData>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNamespace = Namespace<any, any, any, any>;

/** What a namespace does as its sockets' sessions change. */
export type SessionHooks<S extends SessionSocket> = {
  /** After the session is accepted, before the client hears "connected". */
  admitted?(socket: S): void | Promise<void>;
  /** The session still holds; `grantsChanged` says whether the user's grants differ from before. */
  refreshed?(socket: S, grantsChanged: boolean): void | Promise<void>;
  /** The session ended (signed out, expired, user disabled): close what the socket holds; it is
   * disconnected after this. (A socket dropped because the session could not be checked is only
   * disconnected, with `droppedFor` set.) */
  ended?(socket: S): void | Promise<void>;
};

type Watched = { namespace: AnyNamespace; hooks: SessionHooks<SessionSocket> };

export const SESSION_ENDED = 'Your session ended. Sign in again.';
/** Said when the database did not answer a session check: the session stands, the socket comes back. */
export const SESSION_UNCHECKED = 'Cannot check the session right now';

export type SessionWatch = {
  /** Lets `namespace`'s sockets in by session cookie and keeps their sessions checked. */
  guard<S extends SessionSocket>(namespace: AnyNamespace, hooks?: SessionHooks<S>): void;
  /** Re-checks the sessions of open sockets, optionally one user's. */
  recheck(userId?: string): Promise<void>;
  close(): void;
};

/** `addressOf`: the client's address for a socket (its peer, unless a listed proxy forwarded it). */
export function watchSessions(db: Db, options: { intervalMs?: number; addressOf?: (socket: SessionSocket) => string; access?: AccessSource } = {}): SessionWatch {
  const access = options.access ?? uncachedAccess(db);
  const watched: Watched[] = [];
  const addressOf = options.addressOf ?? ((socket: SessionSocket) => socket.handshake.address);

  /** Closes what the socket holds and drops it: `ended` when the session is over (the client signs
   * out), `suspended` when it could not be checked (the client tries again; reconnect-policy.ts). */
  async function drop(entry: Watched, socket: SessionSocket, why: 'ended' | 'suspended'): Promise<void> {
    if (why === 'suspended') {
      // The socket goes first and what it held ends with it, as on any disconnect (its namespace's
      // disconnect handler reads `droppedFor`): nothing tells the browser its streams are over,
      // and its views open them again once it is back.
      socket.data.droppedFor = 'suspended';
      socket.emit('session:suspended', { reason: SESSION_UNCHECKED });
      socket.disconnect(true);
      return;
    }
    await Promise.resolve(entry.hooks.ended?.(socket)).catch((error: unknown) => log('sockets').error({ err: error }, 'could not close what an ended session held'));
    socket.emit('session:ended', { reason: SESSION_ENDED });
    socket.disconnect(true);
  }

  async function recheck(userId?: string): Promise<void> {
    const open = watched.flatMap((entry) =>
      [...(entry.namespace.sockets.values() as Iterable<SessionSocket>)].filter((s) => s.data?.actor && (!userId || s.data.actor.id === userId)).map((socket) => ({ entry, socket })),
    );
    if (!open.length) return;
    let actors: Map<string, Actor | null>;
    try {
      actors = await resolveSessions(db, [...new Set(open.map(({ socket }) => socket.data.token))], access);
    } catch (error) {
      // Fail closed: no session is trusted without the database, so every socket goes with what it
      // holds (case 33); the sessions did not end, and the clients come back once it answers.
      log('sockets').warn({ err: error, sockets: open.length }, 'sessions could not be checked: sockets dropped until the database answers');
      await Promise.all(open.map(({ entry, socket }) => drop(entry, socket, 'suspended')));
      return;
    }
    await Promise.all(
      open.map(async ({ entry, socket }) => {
        const actor = actors.get(socket.data.token);
        if (!actor) return drop(entry, socket, 'ended');
        const grantsChanged = JSON.stringify(actor.grants) !== JSON.stringify(socket.data.actor.grants);
        socket.data.actor = { ...actor, ip: addressOf(socket) };
        await entry.hooks.refreshed?.(socket, grantsChanged);
      }),
    );
  }

  const timer = setInterval(() => void recheck().catch((error: unknown) => log('sockets').error({ err: error }, 'session re-check failed')), options.intervalMs ?? 5000);
  timer.unref();

  return {
    guard(namespace, hooks = {}) {
      const entry: Watched = { namespace, hooks: hooks as SessionHooks<SessionSocket> };
      watched.push(entry);
      namespace.use((socket: SessionSocket, next) => {
        const requestId = requestIdFrom(socket.handshake.headers['x-request-id']);
        void withRequest(requestId, async () => {
          const sockets = log('sockets');
          try {
            const token = parseCookies(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
            const actor = await resolveSession(db, token, addressOf(socket), access);
            if (!actor || !token) {
              sockets.info({ namespace: namespace.name }, 'socket refused: not signed in');
              return next(new Error('Not signed in'));
            }
            socket.data = { ...socket.data, actor, token, requestId };
            await entry.hooks.admitted?.(socket);
            sockets.info({ namespace: namespace.name, userId: actor.id }, 'socket connected');
            socket.once('disconnect', (reason: string) => withRequest(requestId, () => sockets.info({ namespace: namespace.name, userId: actor.id, reason }, 'socket disconnected')));
            next();
          } catch (error) {
            // Fail closed: no database, no socket; the client may try again (reconnect-policy.ts).
            sockets.warn({ namespace: namespace.name, err: error }, 'socket refused: the session could not be checked');
            next(Object.assign(new Error(SESSION_UNCHECKED), { data: { retry: true } satisfies RefusalData }));
          }
        });
      });
    },
    recheck,
    close: () => clearInterval(timer),
  };
}
