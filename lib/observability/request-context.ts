// The request a piece of work belongs to, carried through the service layer by AsyncLocalStorage:
// set by the HTTP server for each request, by the doors (server actions, route handlers) and by the
// socket door for each connection and its events. One store per process, held on globalThis because
// Next.js bundles actions and routes apart from server.ts (as the runtime is, lib/runtime/runtime.ts).
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export type RequestContext = { requestId: string };

const STORE = Symbol.for('wharf.requestContext');
type Holder = { [STORE]?: AsyncLocalStorage<RequestContext> };

function store(): AsyncLocalStorage<RequestContext> {
  const holder = globalThis as Holder;
  holder[STORE] ??= new AsyncLocalStorage<RequestContext>();
  return holder[STORE];
}

/** A request id we accept from a client (X-Request-Id): a short token of letters, digits and . _ : -. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The client's X-Request-Id when it is a safe token, otherwise a new one. */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `work` as part of the request `requestId`. */
export function withRequest<T>(requestId: string, work: () => T): T {
  return store().run({ requestId }, work);
}

/** The id of the request the calling code runs for, if any. */
export function currentRequestId(): string | undefined {
  return store().getStore()?.requestId;
}
