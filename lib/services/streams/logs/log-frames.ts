// Pure pieces of reading an engine's log stream: the 8-byte frame header of non-TTY streams
// (stream type, 3 zero bytes, big-endian length), splitting into lines across chunk boundaries,
// and parsing a line's timestamp and (for services) its task and node details.
import 'server-only';
import type { LogLine, LogStreamKind } from '@/lib/realtime/stream-protocol.ts';

export { engineParamBefore, isTimestamp, tsToEngineParam, tsToNanos } from '@/lib/models/logs/log-timestamps.ts';

const HEADER = 8;

/** Splits a multiplexed stream by frame header, whatever the chunking. A frame's payload is passed
 * on as it arrives (possibly in several pieces), so memory holds at most a partial 8-byte header
 * whatever length a header claims. `onFrame` gets the stream kind (stdin frames, type 0, count as
 * stdout like the CLI). */
export function createFrameDemuxer(onFrame: (stream: LogStreamKind, payload: Buffer) => void) {
  let header: Buffer = Buffer.alloc(0);
  let remaining = 0;
  let kind: LogStreamKind = 'stdout';
  return {
    push(chunk: Buffer): void {
      let offset = 0;
      while (offset < chunk.length) {
        if (remaining > 0) {
          const take = Math.min(remaining, chunk.length - offset);
          onFrame(kind, chunk.subarray(offset, offset + take));
          remaining -= take;
          offset += take;
          continue;
        }
        const need = HEADER - header.length;
        const part = chunk.subarray(offset, offset + need);
        header = header.length ? Buffer.concat([header, part]) : Buffer.from(part);
        offset += part.length;
        if (header.length < HEADER) break;
        kind = header[0] === 2 ? 'stderr' : 'stdout';
        remaining = header.readUInt32BE(4);
        header = Buffer.alloc(0);
        if (remaining === 0) onFrame(kind, Buffer.alloc(0));
      }
    },
    /** Header bytes held waiting for the rest of a header. */
    get buffered() {
      return header.length;
    },
  };
}

/** Longest line kept whole; longer ones are cut (bounded memory against a writer with no newlines). */
export const MAX_LINE_BYTES = 64 * 1024;

/** Cuts a byte stream into lines (without the newline); a partial line waits for its end. */
export function createLineSplitter(onLine: (line: string) => void, maxLineBytes = MAX_LINE_BYTES) {
  let partial: Buffer[] = [];
  let partialLength = 0;
  const emit = (bytes: Buffer) => {
    for (let i = 0; i + maxLineBytes < bytes.length; i += maxLineBytes) onLine(bytes.subarray(i, i + maxLineBytes).toString('utf8'));
    const tail = bytes.length > maxLineBytes ? bytes.subarray(bytes.length - (bytes.length % maxLineBytes || maxLineBytes)) : bytes;
    onLine(tail.toString('utf8').replace(/\r$/, ''));
  };
  return {
    push(chunk: Buffer): void {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl === -1) break;
        const piece = chunk.subarray(start, nl);
        if (partialLength) {
          emit(Buffer.concat([...partial, piece]));
          partial = [];
          partialLength = 0;
        } else emit(piece);
        start = nl + 1;
      }
      let rest = chunk.subarray(start);
      while (partialLength + rest.length >= maxLineBytes) {
        const take = maxLineBytes - partialLength;
        emit(Buffer.concat([...partial, rest.subarray(0, take)]));
        partial = [];
        partialLength = 0;
        rest = rest.subarray(take);
      }
      if (rest.length) {
        partial.push(Buffer.from(rest));
        partialLength += rest.length;
      }
    },
    /** The last line when the stream ends without a newline. */
    end(): void {
      if (partialLength) emit(Buffer.concat(partial));
      partial = [];
      partialLength = 0;
    },
  };
}

/** The detail a merged stream (a Compose project's containers) gives each line: which container wrote it. */
export const CONTAINER_DETAIL = 'wharf.container';

/** One line as a multiplexed frame of a merged stream: `<ts> wharf.container=<name> <text>\n`, so
 * the readers of engine streams read merged ones unchanged. */
export function encodeLineFrame(line: LogLine, container: string): Buffer {
  const payload = Buffer.from(`${line.ts ? `${line.ts} ` : ''}${CONTAINER_DETAIL}=${encodeURIComponent(container)} ${line.text}\n`, 'utf8');
  const header = Buffer.alloc(HEADER);
  header[0] = line.stream === 'stderr' ? 2 : 1;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

const TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) ?/;

/**
 * Parses one line as the engine writes it with timestamps=true (and details=true for services):
 * `<ts> [<k=v,k=v> ]<text>`. Details are url-escaped pairs; the swarm's task and node ids are kept.
 */
export function parseLogLine(raw: string, stream: LogStreamKind, withDetails = false): LogLine {
  const match = TS.exec(raw);
  if (!match) return { ts: '', stream, text: raw };
  let text = raw.slice(match[0].length);
  const line: LogLine = { ts: match[1], stream, text };
  if (withDetails) {
    const space = text.indexOf(' ');
    const head = space === -1 ? text : text.slice(0, space);
    if (/^[^=\s,]+=[^\s]*$/.test(head)) {
      text = space === -1 ? '' : text.slice(space + 1);
      for (const pair of head.split(',')) {
        const eq = pair.indexOf('=');
        const key = safeDecode(pair.slice(0, eq));
        const value = safeDecode(pair.slice(eq + 1));
        if (key === 'com.docker.swarm.task.id') line.task = value;
        else if (key === 'com.docker.swarm.node.id') line.node = value;
        else if (key === CONTAINER_DETAIL) line.container = value;
      }
      line.text = text;
    }
  }
  return line;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
