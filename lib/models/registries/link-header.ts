// The v2 API's pagination: a `Link: </v2/_catalog?last=x&n=100>; rel="next"` header names the next
// page; a registry that ignores `n` (distribution 2.x lists every tag at once) is paged here. Pure.

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

/**
 * A page of at most `size` names after `last`, from an answer that may hold more than was asked
 * for (a registry that ignores `n`, and perhaps `last`): the names in lexical order, as the API
 * orders them, and the marker of the next page when more remain. An answer within `size` is kept
 * as the registry gave it.
 */
export function pageOfNames(answer: { names: string[]; next: string | null }, size: number, last: string | null): { names: string[]; next: string | null } {
  if (answer.names.length <= size) return answer;
  const after = [...answer.names].sort().filter((name) => last === null || name > last);
  const names = after.slice(0, size);
  return { names, next: after.length > size ? names[names.length - 1] : null };
}
