// next-auth's endpoints (csrf, sign-in callback, sign-out, session).
import NextAuth from 'next-auth';
import { buildAuthOptions } from '@/lib/auth/next/auth-options.ts';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  return NextAuth(request as never, { params: await context.params } as never, buildAuthOptions());
}

export { handler as GET, handler as POST };
