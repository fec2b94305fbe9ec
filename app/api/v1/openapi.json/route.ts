// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated from the endpoints' zod
// schemas (lib/http/api/openapi.ts). It describes the API and holds nothing secret, so it needs no
// token (the console's API reference page and any client generator read it).
import { API_ENDPOINTS } from '@/lib/http/api/endpoints.ts';
import { openApiDocument } from '@/lib/http/api/openapi.ts';
import packageJson from '@/package.json' with { type: 'json' };

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(openApiDocument(API_ENDPOINTS, packageJson.version), { headers: { 'Cache-Control': 'no-cache' } });
}
