// The route a request is counted under in /metrics: the path with every segment that is not a
// fixed word of the console's routes (an id, a stack's name, a file) replaced by ":param", so that
// the number of series stays bounded whatever users name things. Pure.
import 'server-only';

const COLLAPSED = ['_next', 'socket.io', 'favicon.ico'];
const MAX_SEGMENTS = 6;

export function routeLabel(path: string, fixedWords: ReadonlySet<string>): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  if (!segments.length) return '/';
  if (COLLAPSED.includes(segments[0]!)) return `/${segments[0]}`;
  const shown = segments.slice(0, MAX_SEGMENTS).map((segment) => (fixedWords.has(segment) ? segment : ':param'));
  return `/${shown.join('/')}${segments.length > MAX_SEGMENTS ? '/…' : ''}`;
}

/** The fixed words of a Next app folder's routes, from its folder names: `hosts`, `api`… but not `[hostId]` or `(console)`. */
export function fixedWordsOf(folderNames: readonly string[]): Set<string> {
  return new Set(folderNames.filter((name) => !/^[[(@_]/.test(name)));
}
