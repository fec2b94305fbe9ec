// The paths of the files kept with a stack or a compose project (env files, secret and config
// files), relative to the compose file. A path that is absolute, climbs with "..", or carries NUL or
// control characters is refused: nothing a compose file names may resolve outside the owner's own
// files. Shared by the server's readers (lib/services/stacks/compose/stack-files.ts says why a path
// is refused) and the editors (which key what they send by these paths). Pure and browser-safe.
import { hasControlCharacter } from '@/lib/models/control-characters.ts';

const BACKSLASH = '\\';

/** Why a path cannot be one of the kept files. */
export type PathRefusal = 'empty' | 'controlCharacters' | 'backslash' | 'absolute' | 'home' | 'climbs' | 'folder';

/** "./conf/app.env" → "conf/app.env"; or why it could leave the owner's files. */
export function keptFilePathOf(path: string): { path: string } | { refused: PathRefusal } {
  if (path === '') return { refused: 'empty' };
  if (hasControlCharacter(path)) return { refused: 'controlCharacters' };
  if (path.includes(BACKSLASH)) return { refused: 'backslash' };
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return { refused: 'absolute' };
  if (path.startsWith('~')) return { refused: 'home' };
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return { refused: 'climbs' };
  if (parts.length === 0) return { refused: 'folder' };
  return { path: parts.join('/') };
}

/** The path as the files are kept, or null when it cannot be one of them. */
export function keptFilePath(path: string): string | null {
  const kept = keptFilePathOf(path);
  return 'path' in kept ? kept.path : null;
}

/** A revision's file names as the files are kept (they may have been given as "./a.env"). */
export const keptPaths = (names: readonly string[]): string[] => names.flatMap((name) => keptFilePath(name) ?? []);
