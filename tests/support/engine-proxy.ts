// Stand-ins in front of a lab engine's unix socket, for tests that must see or disturb what the
// console sends: an HTTP proxy on a unix socket that records every request (with its body), can
// drop requests as if the connection broke, and counts the bytes and the streams coming back; and a
// TLS front on a TCP port whose certificate can be swapped, as when an engine's certificate changes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import tls from 'node:tls';

export type SeenRequest = { method: string; path: string; contentLength: string | undefined; body: string };

export class EngineProxy {
  readonly socketPath = `/tmp/wharf-engine-proxy-${randomBytes(4).toString('hex')}.sock`;
  readonly requests: SeenRequest[] = [];
  /** Bytes the engine has sent back through the proxy (what the console could have read). */
  bytesFromEngine = 0;
  /** Answers still flowing from the engine (log streams, event streams…). */
  openAnswers = 0;
  /** Requests for which this says true are cut, never reaching the engine. */
  drop: ((request: SeenRequest) => boolean) | null = null;
  private readonly server: http.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly engineSocket: string) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.forward(req, res, Buffer.concat(chunks)));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // Hijacked requests (exec, attach) pass through as raw bytes.
    this.server.on('upgrade', (req, client: net.Socket, head: Buffer) => {
      const engine = net.connect(this.engineSocket, () => {
        engine.write(`${req.method} ${req.url} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\r\n')}\r\n\r\n`);
        engine.write(head);
        engine.pipe(client).on('error', () => engine.destroy());
        client.pipe(engine).on('error', () => client.destroy());
      });
      engine.on('error', () => client.destroy());
      client.on('error', () => engine.destroy());
    });
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', contentLength: req.headers['content-length'], body: body.toString('utf8') };
    this.requests.push(seen);
    if (this.drop?.(seen)) {
      req.socket.destroy();
      return;
    }
    const upstream = http.request({ socketPath: this.engineSocket, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      this.openAnswers++;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => (this.bytesFromEngine += chunk.length));
      answer.pipe(res);
      answer.once('close', () => this.openAnswers--);
    });
    upstream.on('error', () => res.destroy());
    // The console went away: so does the request to the engine.
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(this.socketPath, resolve));
    return this;
  }

  posts(pathPattern: RegExp): SeenRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && pathPattern.test(r.path.split('?')[0]));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.socketPath, { force: true });
  }
}

/** A TLS server on 127.0.0.1 that hands every connection to the engine's unix socket. */
export class TlsFront {
  private readonly server: tls.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(engineSocket: string, identity: { cert: string; key: string }) {
    this.server = tls.createServer(identity, (client) => {
      const engine = net.connect(engineSocket);
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The engine restarts with another certificate: open connections end, new ones get it. */
  present(identity: { cert: string; key: string }): void {
    this.server.setSecureContext(identity);
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
