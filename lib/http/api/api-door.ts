// The door of /api/v1: the same four steps as every other door, for scripts. Who: the bearer API
// token (never a cookie, so no request can ride a browser's session). Which ids: path parameters
// checked against the one id rule. What: the input parsed by the endpoint's schema (the action's).
// May they: authorizeAll() on the endpoint's requirements (a refusal is audited naming the token).
// Then the one service call. Answers are JSON; failures are { code, message, field?, fieldErrors? }.
import 'server-only';
import { AppError, isAppError, toErrorPayload } from '@/lib/errors.ts';
import { actorOfBearer } from '@/lib/auth/api-token-store.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import { CLIENT_IP_HEADER } from '@/lib/http/client-address.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import { isIdSegment } from '@/lib/schemas/ids.ts';
import type { ApiDeps, Endpoint } from './endpoint.ts';
import { pageOf, pageQuerySchema } from './pagination.ts';
import { matchRoute } from './route-match.ts';
import { queryInput } from './query-input.ts';

const HEADERS = { 'Cache-Control': 'no-store' };
const MAX_BODY = 1024 * 1024;

export function apiError(error: unknown, extraHeaders: Record<string, string> = {}): Response {
  if (!isAppError(error)) console.error('[api] unexpected error', error);
  const payload = toErrorPayload(error);
  const field = payload.fieldErrors ? Object.keys(payload.fieldErrors)[0] : undefined;
  const status = isAppError(error) ? error.status : 500;
  const headers = { ...HEADERS, ...extraHeaders, ...(status === 401 ? { 'WWW-Authenticate': 'Bearer realm="wharf"' } : {}) };
  return Response.json({ code: payload.code, message: payload.message, ...(field ? { field } : {}), ...(payload.fieldErrors ? { fieldErrors: payload.fieldErrors } : {}) }, { status, headers });
}

async function bodyOf(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new AppError('INVALID_INPUT', 'The request body is larger than 1 MiB.');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'The request body is not JSON.', { fieldErrors: { _: ['Send a JSON object.'] } });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError('INVALID_INPUT', 'The request body must be a JSON object.', { fieldErrors: { _: ['Send a JSON object.'] } });
  return parsed as Record<string, unknown>;
}

/** Answers one /api/v1 request: `segments` is the path after /api/v1. */
export async function serveApi(deps: ApiDeps, endpoints: readonly Endpoint[], request: Request, segments: readonly string[]): Promise<Response> {
  try {
    const match = matchRoute(endpoints, request.method, segments);
    // Who comes first: nothing about the API's routes is said to a caller without a valid token.
    const actor = await actorOfBearer(deps.db, request.headers.get('authorization'), request.headers.get(CLIENT_IP_HEADER));
    if (match.kind === 'no-route') throw new AppError('NOT_FOUND', `There is no ${request.method} /api/v1/${segments.join('/')}: see /api/v1/openapi.json for what there is.`);
    if (match.kind === 'wrong-method') {
      return apiError(new AppError('INVALID_INPUT', `This path does not take ${request.method}; it takes ${match.allowed.join(', ')}.`), { Allow: match.allowed.join(', ') });
    }
    const { endpoint, params } = match;
    if (!Object.values(params).every(isIdSegment)) throw new AppError('NOT_FOUND', 'Not found.');
    const url = new URL(request.url);
    const raw = endpoint.method === 'GET' || endpoint.method === 'DELETE' ? queryInput(endpoint.input, url.searchParams) : await bodyOf(request);
    const input = parseInput(endpoint.input, { ...raw, ...params }) as never;
    const page = endpoint.list ? parseInput(pageQuerySchema, Object.fromEntries(['limit', 'cursor'].flatMap((k) => (url.searchParams.has(k) ? [[k, url.searchParams.get(k)]] : [])))) : pageQuerySchema.parse({});
    await authorizeAll(deps.db, actor, await endpoint.check(input, actor, deps));
    const data = await endpoint.run({ deps, actor, input, page });
    const body = endpoint.list === 'door' ? pageOf(data as unknown[], page) : data;
    return Response.json(body ?? null, { status: endpoint.status ?? 200, headers: HEADERS });
  } catch (error) {
    return apiError(error);
  }
}
