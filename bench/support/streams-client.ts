// Shared by the log and terminal benchmarks: a socket.io client on the console's `/streams`
// namespace (the way tests/integration/logs-exec.integration.test.ts opens one), requests with
// acknowledgements, the writers their containers run, and counting helpers for streamed text.
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { STREAMS_NAMESPACE, type Ack, type StreamClientToServer, type StreamServerToClient } from '@/lib/realtime/stream-protocol.ts';
import type { BenchConsole } from './console.ts';

export type StreamsClient = Socket<StreamServerToClient, StreamClientToServer>;

/** A socket on the console's streams namespace as its signed-in administrator (own connection). */
export async function connectStreams(con: BenchConsole): Promise<StreamsClient> {
  const socket: StreamsClient = io(`${con.origin}${STREAMS_NAMESPACE}`, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin: con.origin, cookie: con.cookie },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the streams namespace of ${con.origin} did not connect within 10 s`)), 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(new Error(`the streams namespace refused the connection: ${error.message}`));
    });
  });
  return socket;
}

/** Emits a request and resolves with its data; a refusal throws. */
export async function request<T>(socket: StreamsClient, event: 'logs:follow' | 'logs:history' | 'exec:open', payload: unknown, timeoutMs = 30_000): Promise<T> {
  const ack = await new Promise<Ack<T>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${event}: no acknowledgement within ${timeoutMs / 1000} s`)), timeoutMs);
    (socket.emit as unknown as (e: string, p: unknown, cb: (a: Ack<T>) => void) => void)(event, payload, (a) => {
      clearTimeout(timer);
      resolve(a);
    });
  });
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.message}`);
  return ack.data;
}

/**
 * A paced writer in busybox awk: `perTick` numbered lines ("<prefix> <n>"), flushed, then
 * `sleep <tick>` through system(), forever. Nominally perTick / tick lines a second, a little less.
 */
export function paced(prefix: string, perTick: number, tickSeconds: number): string[] {
  return ['awk', `BEGIN { i = 0; while (1) { for (j = 0; j < ${perTick}; j++) { i++; printf "${prefix} %d\\n", i }; fflush(); system("sleep ${tickSeconds}") } }`];
}

/**
 * A fast writer in busybox awk (block-buffered output, flushed per tick): `perTick` numbered lines
 * of about 60 bytes, then `sleep <tick>` through system(), forever.
 */
export function fastWriter(perTick: number, tickSeconds: number): string[] {
  const program = `BEGIN { i = 0; while (1) { for (j = 0; j < ${perTick}; j++) { i++; printf "line %d lorem ipsum dolor sit amet, consectetur adipiscing\\n", i }; fflush(); system("sleep ${tickSeconds}") } }`;
  return ['awk', program];
}

/** Newline bytes in a chunk. */
export function countNewlines(chunk: Buffer | string): number {
  let n = 0;
  if (typeof chunk === 'string') {
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) n++;
  } else {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++;
  }
  return n;
}

/** The number after the last `<prefix> ` in the text, or null. */
export function lastNumberAfter(text: string, prefix: string): number | null {
  const at = text.lastIndexOf(`${prefix} `);
  if (at === -1) return null;
  const m = /^\d+/.exec(text.slice(at + prefix.length + 1, at + prefix.length + 24));
  return m ? Number(m[0]) : null;
}

export const median = (values: number[]) => {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
