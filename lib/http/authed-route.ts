// Route handlers (GET reads for the browser's queries) through the same door as actions:
// session, then the one authorization function.
import { NextResponse } from 'next/server';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import type { Permission, Target } from '@/lib/auth/permissions.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { getRuntime, type WharfRuntime } from '@/lib/runtime/runtime.ts';

export async function respond<T>(work: () => Promise<T>): Promise<NextResponse> {
  try {
    return NextResponse.json(await work(), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[route] unexpected error', error);
    const status = error instanceof AppError ? error.status : 500;
    return NextResponse.json({ error: toErrorPayload(error) }, { status, headers: { 'Cache-Control': 'no-store' } });
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
    });
}
