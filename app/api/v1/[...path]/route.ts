// /api/v1/*: the REST API for scripts and pipelines. Every request goes through the API door
// (lib/http/api/api-door.ts): bearer token, ids, the endpoint's schema, authorize(), one service
// call. The endpoints are listed in lib/http/api/endpoints.ts; /api/v1/openapi.json documents them.
import { serveApi } from '@/lib/http/api/api-door.ts';
import { API_ENDPOINTS } from '@/lib/http/api/endpoints.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';

export const dynamic = 'force-dynamic';

async function handle(request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  return serveApi(getRuntime(), API_ENDPOINTS, request, (await context.params).path);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
