// Next.js Proxy (runs inside the console's request handler, before a page renders): every page
// answer gets a Content-Security-Policy with a nonce of its own. The policy goes on the request
// too, where Next.js reads the nonce and puts it on its scripts; the root layout reads it from
// x-nonce for the theme script. Route handlers and static files are not matched (next.config.js
// gives route handlers a fixed, restrictive policy). docs/architecture.md, "Browser protections".
import { NextResponse, type NextRequest } from 'next/server';
import { CSP_HEADER, makeNonce, NONCE_HEADER, pagePolicy } from '@/lib/http/security-headers.ts';

export function proxy(request: NextRequest) {
  const nonce = makeNonce();
  const policy = pagePolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set(CSP_HEADER, policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CSP_HEADER, policy);
  return response;
}

export const config = {
  matcher: ['/((?!api/|api$|_next/static/|_next/image).*)'],
};
