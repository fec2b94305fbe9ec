// Socket handlers for logs: follow (batched every 50 ms, paused while the browser is behind),
// stop, and history reads (older pages, server-side text search). Every request is authorized
// here through authorize(): container.logs on the host, or service.view and container.logs on
// the swarm for a service's logs.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { authorize } from '@/lib/auth/authorize.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import type { LogLine, LogSource } from '@/lib/realtime/stream-protocol.ts';
import { checkLogQuery, lineReader, openEngineLogStream, readLogHistory } from '@/lib/services/streams/logs/container-logs.ts';
import { createBatcher } from '@/lib/services/streams/batcher.ts';
import { failure } from './ack.ts';
import { pauseWhileCongested } from './flow-control.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

export const MAX_LOG_STREAMS_PER_SOCKET = 16;
export const MAX_HISTORY_READS_PER_SOCKET = 2;

const checks = (source: LogSource) =>
  source.kind === 'container'
    ? [{ permission: 'container.logs' as const, target: { type: 'host' as const, id: source.hostId } }]
    : [
        { permission: 'service.view' as const, target: { type: 'swarm' as const, id: source.swarmId } },
        { permission: 'container.logs' as const, target: { type: 'swarm' as const, id: source.swarmId } },
      ];

async function authorizeLogs(deps: StreamsDeps, actor: Actor, source: LogSource): Promise<void> {
  for (const { permission, target } of checks(source)) await authorize(deps.db, actor, permission, target);
}

export const mayStillReadLogs = (actor: Actor, source: LogSource): boolean => checks(source).every(({ permission, target }) => isAllowed(actor.grants, permission, target));

export type LogFollow = { source: LogSource; stop(reason?: string): void };

export function registerLogHandlers(socket: StreamSocket, deps: StreamsDeps): void {
  const follows = socket.data.logs;

  socket.on('logs:follow', async (request, ack) => {
    if (typeof ack !== 'function') return;
    try {
      const query = checkLogQuery(request);
      await authorizeLogs(deps, socket.data.actor, query.source);
      if (follows.size >= MAX_LOG_STREAMS_PER_SOCKET) throw new AppError('PRECONDITION', `At most ${MAX_LOG_STREAMS_PER_SOCKET} log streams at once per tab.`);
      const engineStream = await openEngineLogStream(deps.engines(), query, { follow: true, signal: socket.data.abort.signal });
      if (socket.disconnected) {
        engineStream.raw.destroy();
        return;
      }
      const streamId = randomBytes(8).toString('hex');
      const batcher = createBatcher<LogLine>({
        onFlush: (lines) => {
          if (!follows.has(streamId)) return; // stopped: nothing more goes out
          socket.emit('logs:lines', { streamId, lines });
          pauseWhileCongested(socket, engineStream.raw, () => !follows.has(streamId));
        },
      });
      const reader = lineReader(engineStream, (line) => batcher.push(line));
      const follow = followStream(socket, streamId, query.source, engineStream.raw, reader, batcher);
      follows.set(streamId, follow);
      ack({ ok: true, data: { streamId } });
      follow.start();
    } catch (error) {
      ack(failure(error));
    }
  });

  socket.on('logs:stop', (message) => {
    const follow = follows.get(message?.streamId);
    follow?.stop();
  });

  let historyReads = 0;
  socket.on('logs:history', async (request, ack) => {
    if (typeof ack !== 'function') return;
    // Each read may scan a whole history: a few at a time per tab.
    if (historyReads >= MAX_HISTORY_READS_PER_SOCKET) return ack({ ok: false, error: 'Another history read is still under way: try again when it is done.' });
    historyReads++;
    try {
      const query = checkLogQuery(request);
      await authorizeLogs(deps, socket.data.actor, query.source);
      const limit = Number(request.limit);
      if (!Number.isFinite(limit) || limit < 1) throw new AppError('INVALID_INPUT', 'limit is a positive number.');
      const filter = typeof request.filter === 'string' ? request.filter : undefined;
      ack({ ok: true, data: await readLogHistory(deps.engines(), query, { limit, filter, signal: socket.data.abort.signal }) });
    } catch (error) {
      ack(failure(error));
    } finally {
      historyReads--;
    }
  });
}

type Batcher = ReturnType<typeof createBatcher<LogLine>>;

function followStream(socket: StreamSocket, streamId: string, source: LogSource, raw: Readable, reader: ReturnType<typeof lineReader>, batcher: Batcher): LogFollow & { start(): void } {
  const follows = socket.data.logs;
  let ended = false;
  /** `reason` null: stopped by the browser (nothing more is sent); otherwise the browser is told. */
  const finish = (reason: string | null, flush: boolean) => {
    if (ended) return;
    ended = true;
    if (flush) {
      reader.end();
      batcher.flush();
    }
    follows.delete(streamId);
    batcher.close();
    raw.removeAllListeners('data');
    raw.on('error', () => {});
    raw.destroy();
    if (reason !== null) socket.emit('logs:end', { streamId, reason });
  };
  return {
    source,
    start() {
      raw.on('data', (chunk: Buffer) => reader.push(chunk));
      raw.on('end', () => finish('The log stream ended (the container stopped or was removed).', true));
      raw.on('error', () => finish('The connection to the engine was lost.', true));
    },
    stop(reason?: string) {
      finish(reason ?? null, false);
    },
  };
}
