// The door of /api/v1: the same four steps as every other door, for scripts. Who: the bearer API
// token (never a cookie, so no request can ride a browser's session). Which ids: path parameters
// checked against the one id rule. What: the input parsed by the endpoint's schema (the action's).
// May they: authorizeAll() on the endpoint's requirements (a refusal is audited naming the token).
// Then the one service call. Answers are JSON; failures are { code, message, field?, fieldErrors? }.
import 'server-only';
import { AppError, isAppError, toErrorPayload } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { chooseLocale, DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { spokenBody } from '@/lib/i18n/render-message.ts';
import { actorOfBearer } from '@/lib/auth/api-token-store.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import { CLIENT_IP_HEADER } from '@/lib/http/client-address.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import { isIdSegment } from '@/lib/schemas/ids.ts';
import type { ApiDeps, Endpoint } from './endpoint.ts';
import { pageOf, pageQuerySchema } from './pagination.ts';
import { matchRoute } from './route-match.ts';
import { queryInput } from './query-input.ts';
import { atDoor, logUnexpected } from '@/lib/observability/door-log.ts';

const HEADERS = { 'Cache-Control': 'no-store' };
const MAX_BODY = 1024 * 1024;

export function apiError(error: unknown, locale: Locale = DEFAULT_LOCALE, extraHeaders: Record<string, string> = {}): Response {
  if (!isAppError(error)) logUnexpected('api', 'request', error);
  const payload = toErrorPayload(error, locale);
  const field = payload.fieldErrors ? Object.keys(payload.fieldErrors)[0] : undefined;
  const status = isAppError(error) ? error.status : 500;
  const headers = { ...HEADERS, ...extraHeaders, ...(status === 401 ? { 'WWW-Authenticate': 'Bearer realm="wharf"' } : {}) };
  return Response.json({ code: payload.code, message: payload.message, ...(field ? { field } : {}), ...(payload.fieldErrors ? { fieldErrors: payload.fieldErrors } : {}) }, { status, headers });
}

async function bodyOf(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new AppError('INVALID_INPUT', msg('apiTokens.api.bodyTooLarge'));
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', msg('apiTokens.api.notJson'), { fieldErrors: { _: [issueText('apiTokens.api.sendObject')] } });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError('INVALID_INPUT', msg('apiTokens.api.notObject'), { fieldErrors: { _: [issueText('apiTokens.api.sendObject')] } });
  return parsed as Record<string, unknown>;
}

/** Answers one /api/v1 request: `segments` is the path after /api/v1. Errors are said in the
 * token owner's language (their profile's, else the request's Accept-Language). */
export function serveApi(deps: ApiDeps, endpoints: readonly Endpoint[], request: Request, segments: readonly string[]): Promise<Response> {
  const visit = { door: 'api' as const, name: `${request.method} /api/v1/${segments.join('/')}`, incomingId: async () => request.headers.get('x-request-id'), outcome: (response: Response) => ({ status: response.status }) };
  return atDoor(visit, () => answerApi(deps, endpoints, request, segments));
}

async function answerApi(deps: ApiDeps, endpoints: readonly Endpoint[], request: Request, segments: readonly string[]): Promise<Response> {
  let actor: Actor | null = null;
  const locale = () => chooseLocale({ profile: actor?.locale, acceptLanguage: request.headers.get('accept-language') });
  try {
    const match = matchRoute(endpoints, request.method, segments);
    // Who comes first: nothing about the API's routes is said to a caller without a valid token.
    actor = await actorOfBearer(deps.db, request.headers.get('authorization'), request.headers.get(CLIENT_IP_HEADER), deps.access);
    if (match.kind === 'no-route') throw new AppError('NOT_FOUND', msg('apiTokens.api.noRoute', { method: request.method, path: segments.join('/') }));
    if (match.kind === 'wrong-method') {
      return apiError(new AppError('INVALID_INPUT', msg('apiTokens.api.wrongMethod', { method: request.method, allowed: match.allowed.join(', ') })), locale(), { Allow: match.allowed.join(', ') });
    }
    const { endpoint, params } = match;
    if (!Object.values(params).every(isIdSegment)) throw new AppError('NOT_FOUND', msg('apiTokens.api.notFound'));
    const url = new URL(request.url);
    const raw = endpoint.method === 'GET' || endpoint.method === 'DELETE' ? queryInput(endpoint.input, url.searchParams) : await bodyOf(request);
    let input: never;
    if (endpoint.body) {
      const fromPath = parseInput(endpoint.input, params);
      input = { ...parseInput(endpoint.body, raw), ...fromPath } as never;
    } else input = parseInput(endpoint.input, { ...raw, ...params }) as never;
    const page = endpoint.list ? parseInput(pageQuerySchema, Object.fromEntries(['limit', 'cursor'].flatMap((k) => (url.searchParams.has(k) ? [[k, url.searchParams.get(k)]] : [])))) : pageQuerySchema.parse({});
    await authorizeAll(deps.db, actor, await endpoint.check(input, actor, deps));
    const data = await endpoint.run({ deps, actor, input, page, locale: locale() });
    const body = endpoint.list === 'door' ? pageOf(data as unknown[], page) : data;
    return Response.json(spokenBody(body, locale()) ?? null, { status: endpoint.status ?? 200, headers: HEADERS });
  } catch (error) {
    return apiError(error, locale());
  }
}
