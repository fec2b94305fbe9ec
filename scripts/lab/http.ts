// Small HTTP client for the lab: Docker Engine API over unix sockets and plain HTTP checks (registry), with timeouts.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface HttpOptions {
  socketPath?: string;
  host?: string;
  port?: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
  timeoutMs?: number;
}

/** One HTTP/1.1 request; rejects on connection errors and when the whole exchange exceeds timeoutMs. */
export function httpRequest(opts: HttpOptions): Promise<HttpResponse> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath: opts.socketPath,
      host: opts.socketPath ? undefined : opts.host,
      port: opts.socketPath ? undefined : opts.port,
      method: opts.method ?? 'GET',
      path: opts.path,
      headers: { Host: opts.socketPath ? 'docker' : `${opts.host}:${opts.port}`, ...(opts.headers ?? {}) },
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Error(`HTTP ${opts.method ?? 'GET'} ${opts.path} timed out after ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    const body = opts.body;
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else {
      body.on('error', (e) => req.destroy(e));
      body.pipe(req);
    }
  });
}

/** Docker Engine API call on a unix socket. */
export function dockerApi(
  socketPath: string,
  method: string,
  path: string,
  body?: Buffer | string | Readable,
  timeoutMs = 10_000,
  headers: Record<string, string> = {},
): Promise<HttpResponse> {
  return httpRequest({ socketPath, method, path, body, timeoutMs, headers });
}

/** True when GET /_ping on the socket answers 200 OK within timeoutMs. */
export async function dockerPing(socketPath: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const res = await dockerApi(socketPath, 'GET', '/_ping', undefined, timeoutMs);
    return res.status === 200 && res.body.toString().trim() === 'OK';
  } catch {
    return false;
  }
}

/** GET /info as JSON. */
export async function dockerInfo(socketPath: string): Promise<Record<string, unknown>> {
  const res = await dockerApi(socketPath, 'GET', '/info');
  if (res.status !== 200) throw new Error(`GET /info answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
  return JSON.parse(res.body.toString()) as Record<string, unknown>;
}

/** GET /_ping over TLS with the given PEM files; resolves to the HTTP status, rejects when the handshake/verification fails. */
export async function tlsPing(host: string, port: number, files: { ca: string; cert: string; key: string }, timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host,
      port,
      path: '/_ping',
      method: 'GET',
      ca: readFileSync(files.ca),
      cert: readFileSync(files.cert),
      key: readFileSync(files.key),
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Error(`TLS /_ping on ${host}:${port} timed out`)), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
    });
    req.end();
  });
}

/**
 * Connects to host:port and resolves with what `judge` makes of the connection (through its `done`), or false on an
 * error or after timeoutMs; the socket is closed either way.
 */
export function probeTcp(host: string, port: number, timeoutMs: number, judge: (socket: Socket, done: (ok: boolean) => void) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(t);
      s.destroy();
      resolve(ok);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    s.once('error', () => done(false));
    judge(s, done);
  });
}

/** True when host:port accepts a TCP connection within timeoutMs. */
export function tcpOpen(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return probeTcp(host, port, timeoutMs, (s, done) => s.once('connect', () => done(true)));
}
