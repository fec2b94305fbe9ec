// Which requests the console's handler gives the API door itself (answer-api-request.ts). Pure.
import 'server-only';

const PREFIX = '/api/v1/';
const LEFT_TO_NEXT = new Set(['openapi.json']);

/**
 * The path segments after /api/v1/ of a request the API door answers here (decoded, as Next.js
 * hands a catch-all route its segments), or null: not the API, the OpenAPI document, or a path
 * whose escapes do not decode (Next.js answers those). Pure.
 */
export function apiSegments(url: string | undefined): string[] | null {
  if (!url?.startsWith(PREFIX)) return null;
  const path = url.slice(PREFIX.length).split(/[?#]/, 1)[0]!;
  if (LEFT_TO_NEXT.has(path)) return null;
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}
