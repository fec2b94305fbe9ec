// Which /api/v1 endpoint a request names: paths are templates with `{param}` segments, matched
// segment by segment (a parameter takes one whole segment). Pure.
import 'server-only';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RouteMatch<E> = { kind: 'found'; endpoint: E; params: Record<string, string> } | { kind: 'no-route' } | { kind: 'wrong-method'; allowed: HttpMethod[] };

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

/** The names of a template's parameters, in order. */
export const pathParams = (template: string): string[] => segmentsOf(template).flatMap((s) => (/^\{(\w+)\}$/.exec(s)?.slice(1) ?? []));

function matchTemplate(template: string, segments: readonly string[]): Record<string, string> | null {
  const parts = segmentsOf(template);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) params[name] = segments[i]!;
    else if (part !== segments[i]) return null;
  }
  return params;
}

/** The endpoint for `method` on `segments` (the path after /api/v1, already split and decoded); a
 * fixed segment wins over a parameter when both match. */
export function matchRoute<E extends { method: HttpMethod; path: string }>(endpoints: readonly E[], method: string, segments: readonly string[]): RouteMatch<E> {
  const candidates = endpoints
    .map((endpoint) => ({ endpoint, params: matchTemplate(endpoint.path, segments) }))
    .filter((c): c is { endpoint: E; params: Record<string, string> } => c.params !== null)
    .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
  if (candidates.length === 0) return { kind: 'no-route' };
  const found = candidates.find((c) => c.endpoint.method === method);
  if (found) return { kind: 'found', endpoint: found.endpoint, params: found.params };
  return { kind: 'wrong-method', allowed: [...new Set(candidates.map((c) => c.endpoint.method))] };
}
