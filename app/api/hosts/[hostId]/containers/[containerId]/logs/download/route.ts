// GET: a container's logs as a text file, streamed from the engine (never held in memory).
// Same door as every read: session, then authorize() for container.logs on the host.
// Query: stdout, stderr (1/0, default both), timestamps (1/0, default 1), since, until (RFC 3339), tail.
import { NextResponse } from 'next/server';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { checkLogQuery, logText, openEngineLogStream } from '@/lib/services/streams/logs/container-logs.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function GET(request: Request, context: { params: Promise<{ hostId: string; containerId: string }> }) {
  try {
    const rt = getRuntime();
    const actor = await currentActor();
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    const { hostId, containerId } = await context.params;
    if (!ID.test(hostId) || !ID.test(containerId)) throw new AppError('NOT_FOUND', 'Not found.');
    await authorize(rt.db, actor, 'container.logs', { type: 'host', id: hostId });
    const url = new URL(request.url);
    const flag = (name: string, fallback: boolean) => (url.searchParams.has(name) ? url.searchParams.get(name) === '1' : fallback);
    const tail = url.searchParams.get('tail');
    const query = checkLogQuery({
      source: { kind: 'container', hostId, containerId },
      stdout: flag('stdout', true),
      stderr: flag('stderr', true),
      since: url.searchParams.get('since') ?? undefined,
      until: url.searchParams.get('until') ?? undefined,
      tail: tail === null || tail === '' ? undefined : Number(tail),
    });
    const engineStream = await openEngineLogStream(rt, query, { follow: false, signal: request.signal });
    const chunks = logText(engineStream, { timestamps: flag('timestamps', true), streamNames: query.stdout && query.stderr });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new NextResponse(body, {
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Disposition': `attachment; filename="${containerId.slice(0, 12)}-logs-${stamp}.txt"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[route] unexpected error', error);
    const status = error instanceof AppError ? error.status : 500;
    return NextResponse.json({ error: toErrorPayload(error) }, { status, headers: { 'Cache-Control': 'no-store' } });
  }
}
