// next-auth's endpoints (csrf, sign-in callback, sign-out, session). next-auth answers every
// refused credentials sign-in with 401; a throttled one is answered 429 with Retry-After here,
// its body (the error the sign-in form shows) unchanged.
import NextAuth from 'next-auth';
import { buildAuthOptions } from '@/lib/auth/next/auth-options.ts';
import { throttledMessage } from '@/lib/auth/throttle.ts';
import { CLIENT_IP_HEADER } from '@/lib/http/client-address.ts';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  let retryAfterSeconds: number | null = null;
  const options = await buildAuthOptions({
    onThrottled: (seconds) => (retryAfterSeconds = seconds),
    request: { ip: request.headers.get(CLIENT_IP_HEADER), userAgent: request.headers.get('user-agent') },
  });
  const response: Response = await NextAuth(request as never, { params: await context.params } as never, options);
  if (retryAfterSeconds === null) return response;
  const headers = new Headers(response.headers);
  headers.set('retry-after', String(retryAfterSeconds));
  // A form post without JavaScript was to be redirected to the error page: it gets the message instead.
  const redirected = headers.has('location');
  headers.delete('location');
  if (redirected) headers.set('content-type', 'text/plain; charset=utf-8');
  return new Response(redirected ? throttledMessage(retryAfterSeconds) : response.body, { status: 429, headers });
}

export { handler as GET, handler as POST };
