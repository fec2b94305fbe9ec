// next-auth configuration: username/password sign-in backed by database sessions, and directory
// sign-in when an administrator set it up: LDAP as a second credentials path ("ldap"), OpenID
// Connect as an OAuth provider ("oidc": discovery, authorization code with PKCE and state, the ID
// token verified by openid-client). next-auth's "JWT" is replaced by the opaque session token:
// encode hands out the token made at sign-in, decode looks it up in the database, so revocation
// takes effect on the next request. A directory sign-in that Wharf refuses sends the browser back
// to the sign-in page with an error code the page turns into a sentence (lib/models/directory/sign-in-errors.ts).
import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { isAppError, toErrorPayload } from '@/lib/errors.ts';
import { localeOfHeaders, type Locale } from '@/lib/i18n/locales.ts';
import { msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf } from '../actor.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { SignInThrottled, signInWithPassword } from '@/lib/services/users/sign-in-with-password.ts';
import { resolveSession, revokeSession, SESSION_COOKIE } from '../session-store.ts';
import { CLIENT_IP_HEADER } from './request-info.ts';
import { readOidcConfig, readSignInOptions } from '@/lib/services/directory/directory-config.ts';
import { signInWithLdap } from '@/lib/services/directory/sign-in-with-ldap.ts';
import { signInWithOidc } from '@/lib/services/directory/sign-in-with-oidc.ts';
import { signInErrorCode } from '@/lib/models/directory/sign-in-errors.ts';
import type { Provider } from 'next-auth/providers/index';
import { log } from '@/lib/observability/logger.ts';

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
  /** The client's address and user agent (an OIDC callback's sign-in has no request of its own to read them from). */
  request?: { ip: string | null; userAgent: string | null };
};

/** The sign-in page's language: its cookie, else the browser's (nobody is signed in yet). */
function localeOf(req: RequestLike | undefined): Locale {
  return localeOfHeaders({ cookieHeader: header(req, 'cookie'), acceptLanguage: header(req, 'accept-language') });
}

/** Turns a sign-in service's failure into the message next-auth shows, in the page's language (and 429 when throttled). */
function rethrowForNextAuth(error: unknown, hooks: AuthRequestHooks, locale: Locale): never {
  // next-auth passes a thrown message to the sign-in page as its error.
  if (error instanceof SignInThrottled) hooks.onThrottled?.(error.retryAfterSeconds);
  if (isAppError(error)) throw new Error(toErrorPayload(error, locale).message, { cause: error });
  log('auth').error({ err: error }, 'sign-in failed unexpectedly');
  throw new Error(renderMessage(msg('auth.signIn.notPossible'), locale), { cause: error });
}

type PasswordSignIn = (input: { username: string; password: string; ip: string | null; userAgent: string | null }) => Promise<{ userId: string; username: string; token: string }>;

/** A username and password form path ("credentials": Wharf's own passwords; "ldap": the directory's). */
function passwordProvider(id: 'credentials' | 'ldap', name: string, signIn: PasswordSignIn, hooks: AuthRequestHooks): Provider {
  return CredentialsProvider({
    id,
    name,
    credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
    async authorize(credentials, req) {
      try {
        const signedIn = await signIn({
          username: credentials?.username ?? '',
          password: credentials?.password ?? '',
          ip: header(req as RequestLike, CLIENT_IP_HEADER),
          userAgent: header(req as RequestLike, 'user-agent'),
        });
        return { id: signedIn.userId, name: signedIn.username, sessionToken: signedIn.token };
      } catch (error) {
        return rethrowForNextAuth(error, hooks, localeOf(req as RequestLike));
      }
    },
  });
}

export async function buildAuthOptions(hooks: AuthRequestHooks = {}): Promise<AuthOptions> {
  const rt = getRuntime();
  const [offered, oidc] = await Promise.all([readSignInOptions(rt), readOidcConfig(rt)]);
  const directoryProviders: Provider[] = [];
  if (offered.ldap) directoryProviders.push(passwordProvider('ldap', 'LDAP', (input) => signInWithLdap(rt, input), hooks));
  if (oidc) {
    directoryProviders.push({
      id: 'oidc',
      name: oidc.settings.buttonLabel,
      type: 'oauth',
      wellKnown: `${oidc.settings.issuerUrl}/.well-known/openid-configuration`,
      clientId: oidc.settings.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: oidc.settings.scopes } },
      client: { token_endpoint_auth_method: 'client_secret_basic' },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (claims: Record<string, unknown>) => ({ id: String(claims.sub), name: typeof claims.name === 'string' ? claims.name : null }),
    });
  }
  const secure = rt.config.publicUrl?.startsWith('https://') ?? false;
  return {
    secret: rt.authSecret,
    session: { strategy: 'jwt', maxAge: rt.sessionHours * 3600 },
    pages: { signIn: '/login', error: '/login' },
    cookies: {
      sessionToken: { name: SESSION_COOKIE, options: { httpOnly: true, sameSite: 'lax', path: '/', secure } },
    },
    providers: [passwordProvider('credentials', 'Wharf', (input) => signInWithPassword(rt, input), hooks), ...directoryProviders],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'oidc') return true;
        if (!oidc || !profile) return '/login?error=OAuthSignin';
        try {
          const signedIn = await signInWithOidc(rt, oidc.settings, profile as Record<string, unknown>, hooks.request ?? { ip: null, userAgent: null });
          // The same object reaches the jwt callback as its user.
          Object.assign(user, { id: signedIn.userId, name: signedIn.username, sessionToken: signedIn.token });
          return true;
        } catch (error) {
          if (error instanceof SignInThrottled) hooks.onThrottled?.(error.retryAfterSeconds);
          if (!isAppError(error)) log('auth').error({ err: error }, 'OpenID Connect sign-in failed unexpectedly');
          return `/login?error=${signInErrorCode(error)}`;
        }
      },
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
        const actor = token ? await resolveSession(rt.db, token, null, rt.access).catch(() => null) : null;
        return actor ? { sub: actor.id, name: actor.username, sessionToken: token } : null;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sessionToken !== 'string') return;
        const actor = await resolveSession(rt.db, token.sessionToken, null, rt.access).catch(() => null);
        await revokeSession(rt.db, token.sessionToken);
        if (actor) await recordAudit(rt.db, { subject: subjectOf(actor), action: 'auth.sign-out', target: { type: 'user', id: actor.id, name: actor.username }, result: 'succeeded' });
      },
    },
  };
}
