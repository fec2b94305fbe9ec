// A registry's WWW-Authenticate challenge (RFC 7235), as the v2 API sends it on a 401: the scheme
// and its parameters (Basic realm, or Bearer realm, service, scope, error). Pure.

export type Challenge = { scheme: 'basic' | 'bearer' | 'other'; params: Record<string, string> };

/** The first challenge of a header value; null when there is none. Quoted values may hold commas and escaped quotes. */
export function parseChallenge(header: string | null | undefined): Challenge | null {
  const text = (header ?? '').trim();
  const m = /^([A-Za-z][\w-]*)\s*(.*)$/s.exec(text);
  if (!m) return null;
  const name = m[1].toLowerCase();
  const scheme = name === 'basic' ? 'basic' : name === 'bearer' ? 'bearer' : 'other';
  const params: Record<string, string> = {};
  const re = /\s*([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*,?/gy;
  let rest: RegExpExecArray | null;
  while ((rest = re.exec(m[2])) !== null) {
    if (rest[0] === '') break;
    params[rest[1].toLowerCase()] = rest[2] !== undefined ? rest[2].replace(/\\(.)/g, '$1') : (rest[3] ?? '');
  }
  return { scheme, params };
}
