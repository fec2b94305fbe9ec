// Socket handlers for logs: follow (batched every 50 ms, paused while the browser is behind),
// stop, and history reads (older pages, server-side text search). What each request needs is
// said once (container.logs on the host, or service.view and container.logs on the swarm for a
// service's logs); the socket door checks it, and a follow stays under exactly that check.
import 'server-only';
import { sayReason } from '@/lib/services/streams/end-reason.ts';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Requirement } from '@/lib/auth/permissions.ts';
import { onContainer, onProject, onService } from '@/lib/services/access/locate-target.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { LogLine, LogQuery, LogSource } from '@/lib/realtime/stream-protocol.ts';
import { logFollowSchema, logHistorySchema, streamRefSchema } from '@/lib/schemas/streams.ts';
import { createBatcher } from '@/lib/services/streams/batcher.ts';
import { lineReader } from '@/lib/services/streams/logs/container-logs.ts';
import { openLogStream, readHistory } from '@/lib/services/streams/logs/log-source.ts';
import { orderBatch } from '@/lib/models/logs/merge-log-lines.ts';
import { OWN_STREAM, socketLocale, type SocketDoor } from '../socket-door.ts';
import { pauseWhileCongested } from './flow-control.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

export const MAX_LOG_STREAMS_PER_SOCKET = 16;
export const MAX_HISTORY_READS_PER_SOCKET = 2;

/** What reading logs needs: container.logs on the container (its host, or its swarm and stack when
 * it is a task), service.view and container.logs on the service (its swarm, or its stack), or
 * container.logs on the Compose project (its host, or the project itself). */
export const logRequirements =
  (deps: StreamsDeps) =>
  async ({ source }: { source: LogSource }, actor?: Actor): Promise<Requirement[]> =>
    source.kind === 'container'
      ? [await onContainer(deps.engines(), actor, 'container.logs', { hostId: source.hostId, containerId: source.containerId })]
      : source.kind === 'project'
        ? [await onProject(deps.engines(), actor, 'container.logs', { hostId: source.hostId, name: source.project })]
        : onService(deps.engines(), actor, ['service.view', 'container.logs'], { swarmId: source.swarmId, serviceId: source.serviceId });

/** What the engine is asked: the door's parsed input, without what only the socket layer uses. */
const queryOf = (input: LogQuery): LogQuery => ({ source: input.source, since: input.since, until: input.until, tail: input.tail, stdout: input.stdout, stderr: input.stderr });

type Follow = { stop(reason: string | null): void };

export function registerLogHandlers(on: SocketDoor, socket: StreamSocket, deps: StreamsDeps): void {
  const follows = new Map<string, Follow>();

  on('logs:follow', logFollowSchema, logRequirements(deps), async ({ input, track, afterReply }) => {
    if (socket.data.streams.count('logs') >= MAX_LOG_STREAMS_PER_SOCKET) throw new AppError('PRECONDITION', msg('streams.errors.perTab', { max: MAX_LOG_STREAMS_PER_SOCKET, what: 'logs' }));
    const engineStream = await socket.data.streams.opening('logs', () => openLogStream(deps.engines(), queryOf(input), { follow: true, signal: socket.data.abort.signal }));
    if (socket.disconnected) {
      engineStream.raw.destroy();
      throw new AppError('PRECONDITION', msg('streams.errors.browserGone'));
    }
    const streamId = randomBytes(8).toString('hex');
    const batcher = createBatcher<LogLine>({
      onFlush: (lines) => {
        if (!follows.has(streamId)) return; // stopped: nothing more goes out
        // A merged project's containers write at once: each batch goes out in time order.
        socket.emit('logs:lines', { streamId, lines: input.source.kind === 'project' ? orderBatch(lines) : lines });
        pauseWhileCongested(socket, engineStream.raw, () => !follows.has(streamId));
      },
    });
    const reader = lineReader(engineStream, (line) => batcher.push(line));
    const follow = followStream(socket, streamId, engineStream.raw, reader, batcher, () => {
      follows.delete(streamId);
      tracked.release();
    });
    follows.set(streamId, follow);
    const tracked = track('logs', streamId, (reason) => follow.stop(sayReason(reason, socketLocale(socket))));
    afterReply(() => follow.start());
    return { streamId };
  });

  on('logs:stop', streamRefSchema, OWN_STREAM, ({ input }) => {
    follows.get(input.streamId)?.stop(null);
  });

  let historyReads = 0;
  on('logs:history', logHistorySchema, logRequirements(deps), async ({ input }) => {
    // Each read may scan a whole history: a few at a time per tab.
    if (historyReads >= MAX_HISTORY_READS_PER_SOCKET) throw new AppError('PRECONDITION', msg('streams.errors.historyBusy'));
    historyReads++;
    try {
      return await readHistory(deps.engines(), queryOf(input), { limit: input.limit, filter: input.filter, signal: socket.data.abort.signal });
    } finally {
      historyReads--;
    }
  });
}

type Batcher = ReturnType<typeof createBatcher<LogLine>>;

function followStream(socket: StreamSocket, streamId: string, raw: Readable, reader: ReturnType<typeof lineReader>, batcher: Batcher, forget: () => void): Follow & { start(): void } {
  let ended = false;
  /** `reason` null: stopped by the browser (nothing more is sent); otherwise the browser is told. */
  const finish = (reason: string | null, flush: boolean) => {
    if (ended) return;
    ended = true;
    if (flush) {
      reader.end();
      batcher.flush();
    }
    forget();
    batcher.close();
    raw.removeAllListeners('data');
    raw.on('error', () => {});
    raw.destroy();
    if (reason !== null && socket.connected) socket.emit('logs:end', { streamId, reason });
  };
  return {
    start() {
      if (ended) return;
      raw.on('data', (chunk: Buffer) => reader.push(chunk));
      raw.on('end', () => finish(renderMessage(msg('streams.ended.logs'), socketLocale(socket)), true));
      raw.on('error', () => finish(renderMessage(msg('streams.ended.engineLost'), socketLocale(socket)), true));
    },
    stop(reason) {
      finish(reason, false);
    },
  };
}
