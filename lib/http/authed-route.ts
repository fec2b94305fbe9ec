// Route handlers (GET reads for the browser's queries) through the same door as actions:
// session, then the one authorization function.
import { gzipSync } from 'node:zlib';
import { NextResponse } from 'next/server';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import type { Permission, Target } from '@/lib/auth/permissions.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { getRuntime, type WharfRuntime } from '@/lib/runtime/runtime.ts';

/** Bodies from this size up are compressed here, quickly (gzip level 1), rather than by the
 * server's default compression, which took ~22 ms for a 260 KB list of 1,000 services
 * (docs/benchmarks.md, services-listing) against ~2 ms at level 1. */
const COMPRESS_FROM_BYTES = 8 * 1024;

function jsonResponse(payload: unknown, status: number, request?: Request): NextResponse {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
  if (request && body.length >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    return new NextResponse(gzipSync(body, { level: 1 }), { status, headers: { ...headers, 'Content-Encoding': 'gzip' } });
  }
  return new NextResponse(body, { status, headers });
}

export async function respond<T>(work: () => Promise<T>, request?: Request): Promise<NextResponse> {
  try {
    return jsonResponse(await work(), 200, request);
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[route] unexpected error', error);
    const status = error instanceof AppError ? error.status : 500;
    return jsonResponse({ error: toErrorPayload(error) }, status);
  }
}

export function authedRead<P>(
  check: Permission | ((params: P) => { permission: Permission; target: Target }),
  run: (ctx: { actor: Actor; params: P; rt: WharfRuntime; url: URL }) => Promise<unknown>,
) {
  // Next passes no context params to a route without dynamic segments.
  return (request: Request, context?: { params?: Promise<P> }) =>
    respond(async () => {
      const rt = getRuntime();
      const actor = await currentActor();
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
      const params = ((await context?.params) ?? {}) as P;
      // Ids in paths are plain tokens; anything else is not ours (and never reaches a service).
      for (const value of Object.values(params as Record<string, string>)) {
        if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new AppError('NOT_FOUND', 'Not found.');
      }
      const { permission, target } = typeof check === 'function' ? check(params) : { permission: check, target: undefined };
      await authorize(rt.db, actor, permission, target);
      return run({ actor, params, rt, url: new URL(request.url) });
    }, request);
}
