// The v2 API's pagination: a `Link: </v2/_catalog?last=x&n=100>; rel="next"` header names the next
// page. Pure.

/** The `last` marker of the next page a Link header names, or null on the last page. */
export function nextPageMarker(link: string | null | undefined): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m || !/\brel\s*=\s*"?next"?/i.test(m[2])) continue;
    const last = new URL(m[1], 'http://registry.invalid').searchParams.get('last');
    return last || null;
  }
  return null;
}
