// next-auth configuration: username/password sign-in backed by database sessions. next-auth's
// "JWT" is replaced by the opaque session token: encode hands out the token made at sign-in,
// decode looks it up in the database, so revocation takes effect on the next request.
import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { isAppError } from '@/lib/errors.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf } from '../actor.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { SignInThrottled, signInWithPassword } from '@/lib/services/users/sign-in-with-password.ts';
import { resolveSession, revokeSession, SESSION_COOKIE } from '../session-store.ts';
import { CLIENT_IP_HEADER } from './request-info.ts';

type RequestLike = { headers?: Headers | Record<string, string | string[] | undefined> };

function header(req: RequestLike | undefined, name: string): string | null {
  const h = req?.headers;
  if (!h) return null;
  const value = typeof (h as Headers).get === 'function' ? (h as Headers).get(name) : (h as Record<string, string | string[] | undefined>)[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** What the sign-in route learns about the request it is answering. */
export type AuthRequestHooks = {
  /** The attempt was throttled: the route answers 429 with Retry-After (next-auth itself would say 401). */
  onThrottled?(retryAfterSeconds: number): void;
};

export function buildAuthOptions(hooks: AuthRequestHooks = {}): AuthOptions {
  const rt = getRuntime();
  const secure = rt.config.publicUrl?.startsWith('https://') ?? false;
  return {
    secret: rt.authSecret,
    session: { strategy: 'jwt', maxAge: rt.sessionHours * 3600 },
    pages: { signIn: '/login', error: '/login' },
    cookies: {
      sessionToken: { name: SESSION_COOKIE, options: { httpOnly: true, sameSite: 'lax', path: '/', secure } },
    },
    providers: [
      CredentialsProvider({
        name: 'Wharf',
        credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          try {
            const signedIn = await signInWithPassword(rt, {
              username: credentials?.username ?? '',
              password: credentials?.password ?? '',
              ip: header(req as RequestLike, CLIENT_IP_HEADER),
              userAgent: header(req as RequestLike, 'user-agent'),
            });
            return { id: signedIn.userId, name: signedIn.username, sessionToken: signedIn.token };
          } catch (error) {
            // next-auth passes a thrown message to the sign-in page as its error.
            if (error instanceof SignInThrottled) hooks.onThrottled?.(error.retryAfterSeconds);
            if (isAppError(error)) throw new Error(error.message, { cause: error });
            console.error('[auth] sign-in failed unexpectedly', error);
            throw new Error('Sign-in is not possible right now. Try again shortly.', { cause: error });
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user && 'sessionToken' in user) token.sessionToken = (user as { sessionToken: string }).sessionToken;
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { name: token.name ?? null } };
      },
    },
    jwt: {
      async encode({ token }) {
        return typeof token?.sessionToken === 'string' ? token.sessionToken : '';
      },
      async decode({ token }) {
        const actor = token ? await resolveSession(rt.db, token).catch(() => null) : null;
        return actor ? { sub: actor.id, name: actor.username, sessionToken: token } : null;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sessionToken !== 'string') return;
        const actor = await resolveSession(rt.db, token.sessionToken).catch(() => null);
        await revokeSession(rt.db, token.sessionToken);
        if (actor) await recordAudit(rt.db, { subject: subjectOf(actor), action: 'auth.sign-out', target: { type: 'user', id: actor.id, name: actor.username }, result: 'succeeded' });
      },
    },
  };
}
