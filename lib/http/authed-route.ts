// Route handlers (GET reads for the browser's queries, and downloads) through the same door as
// actions: session, path ids checked, then the one authorization function. Reads answer JSON;
// downloads stream a body; both answer a failure as JSON with the error's code and status.
import 'server-only';
import { NextResponse } from 'next/server';
import { AppError, isAppError, toErrorPayload } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import type { Permission, Requirement } from '@/lib/auth/permissions.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { getRuntime, type WharfRuntime } from '@/lib/runtime/runtime.ts';
import { isIdSegment } from '@/lib/schemas/ids.ts';
import { DEFAULT_LOCALE } from '@/lib/i18n/locales.ts';
import { msg } from '@/lib/i18n/message.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { atDoor, logUnexpected, type Door } from '@/lib/observability/door-log.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

async function failure(error: unknown, door: Door = 'read', name = 'route'): Promise<NextResponse> {
  if (!isAppError(error)) logUnexpected(door, name, error);
  const status = isAppError(error) ? error.status : 500;
  const locale = await requestLocale().catch(() => DEFAULT_LOCALE);
  return NextResponse.json({ error: toErrorPayload(error, locale) }, { status, headers: NO_STORE });
}

export async function respond<T>(work: () => Promise<T>, name = 'route'): Promise<NextResponse> {
  try {
    return NextResponse.json(await work(), { headers: NO_STORE });
  } catch (error) {
    return failure(error, 'read', name);
  }
}

/** A route handler's answer, logged under its request's id (lib/observability/door-log.ts). */
function logged(door: Door, request: Request, answer: () => Promise<Response>): Promise<Response> {
  return atDoor({ door, name: `${request.method} ${new URL(request.url).pathname}`, incomingId: async () => request.headers.get('x-request-id'), outcome: (response) => ({ status: response.status }) }, answer);
}

type Check<P> = Permission | ((params: P, actor: Actor) => Requirement | Requirement[] | Promise<Requirement | Requirement[]>);
type RouteContext<P> = { actor: Actor; params: P; rt: WharfRuntime; url: URL; signal: AbortSignal };

/** The door itself: who, which ids, what they may do. */
async function enter<P>(check: Check<P>, request: Request, context?: { params?: Promise<P> }): Promise<RouteContext<P>> {
  const rt = getRuntime();
  const actor = await currentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', msg('errors.sessionEnded'));
  const params = ((await context?.params) ?? {}) as P;
  // Ids in paths are plain tokens; anything else is not ours (and never reaches a service).
  if (!Object.values(params as Record<string, unknown>).every(isIdSegment)) throw new AppError('NOT_FOUND', msg('errors.notFound'));
  await authorizeAll(rt.db, actor, typeof check === 'function' ? await check(params, actor) : { permission: check });
  return { actor, params, rt, url: new URL(request.url), signal: request.signal };
}

/** A JSON read. Next passes no context params to a route without dynamic segments. */
export function authedRead<P>(check: Check<P>, run: (ctx: RouteContext<P>) => Promise<unknown>) {
  return (request: Request, context?: { params?: Promise<P> }) => logged('read', request, () => respond(async () => run(await enter(check, request, context)), new URL(request.url).pathname));
}

export type Download = { filename: string; contentType: string; chunks: AsyncGenerator<string | Uint8Array, void, undefined> };

/** A file streamed to the browser as it is produced (never held in memory), through the same door. */
export function authedDownload<P>(check: Check<P>, run: (ctx: RouteContext<P>) => Promise<Download>) {
  return (request: Request, context?: { params?: Promise<P> }) => logged('download', request, () => answerDownload(request, context));
  async function answerDownload(request: Request, context?: { params?: Promise<P> }): Promise<Response> {
    let download: Download;
    try {
      download = await run(await enter(check, request, context));
    } catch (error) {
      return failure(error, 'download', new URL(request.url).pathname);
    }
    const encoder = new TextEncoder();
    const { chunks } = download;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new NextResponse(body, {
      headers: {
        'Content-Type': download.contentType,
        'Content-Disposition': `attachment; filename="${download.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        ...NO_STORE,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }
}
