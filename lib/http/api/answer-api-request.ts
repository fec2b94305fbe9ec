// /api/v1 answered by the console's own HTTP handler, ahead of Next.js: the same door (serveApi,
// api-door.ts) given a web Request made from the Node request, its Response written back with the
// headers next.config.js gives every route handler. Next.js's routing and route-module wrapping
// were about 40 % of the console's time on an API read (docs/benchmarks.md, api-tokens); the API
// needs none of it (no pages, no cookies, no server components). The OpenAPI document stays a
// Next.js route.
import 'server-only';
import type http from 'node:http';
import { Readable } from 'node:stream';
import { CSP_HEADER, ROUTE_POLICY, STATIC_HEADERS } from '@/lib/http/security-headers.ts';
import { apiError, serveApi } from './api-door.ts';
import type { ApiDeps } from './endpoint.ts';
import { API_ENDPOINTS } from './endpoints.ts';

/** The web Request of a Node request: its headers as the console's handler left them (client address, request id), its body streamed. */
function webRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  // The door reads only the path and query of the URL: its origin is fixed (a Host header is the client's to say).
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { method, headers, body, duplex: 'half' } as RequestInit);
}

/** Answers one /api/v1 request whose segments apiSegments() (api-path.ts) gave. */
export async function answerApiRequest(deps: ApiDeps, req: http.IncomingMessage, res: http.ServerResponse, segments: string[]): Promise<void> {
  let response: Response;
  try {
    response = await serveApi(deps, API_ENDPOINTS, webRequest(req), segments);
  } catch (error) {
    response = apiError(error);
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(STATIC_HEADERS)) res.setHeader(name, value);
  res.setHeader(CSP_HEADER, ROUTE_POLICY);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(body);
}
