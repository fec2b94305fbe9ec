// The files kept with a stack (env files, secret and config files), addressed by paths relative to
// the compose file. A path that is absolute, climbs with "..", or carries NUL or control characters
// is refused: nothing a compose file names may resolve outside the stack's own files. Pure.
import 'server-only';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';

export type StackFiles = Record<string, string>;

/** "./conf/app.env" → "conf/app.env"; an error for anything that could leave the stack's files. */
export function normaliseStackPath(path: string): { path: string } | { error: string } {
  if (path === '') return { error: 'the path is empty' };
  if (hasControlCharacter(path)) return { error: 'the path contains control characters' };
  if (path.includes('\\')) return { error: 'use "/" to separate folders' };
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return { error: 'absolute paths are not allowed: name a file kept with the stack' };
  if (path.startsWith('~')) return { error: 'paths relative to a home folder are not allowed: name a file kept with the stack' };
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return { error: '".." is not allowed: the file must be kept with the stack' };
  if (parts.length === 0) return { error: 'the path names a folder, not a file' };
  return { path: parts.join('/') };
}

/** Normalises every path of a stack's file set, refusing unsafe ones and two names for one file. */
export function normaliseStackFiles(files: StackFiles): { files: Map<string, string>; errors: string[] } {
  const out = new Map<string, string>();
  const errors: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const normalised = normaliseStackPath(name);
    if ('error' in normalised) {
      errors.push(`stack file "${name}": ${normalised.error}`);
      continue;
    }
    if (out.has(normalised.path)) {
      errors.push(`stack file "${name}": another file already has the path "${normalised.path}"`);
      continue;
    }
    out.set(normalised.path, content);
  }
  return { files: out, errors };
}

/** The content of a file a compose file refers to, or why it cannot be used. */
export function readStackFile(files: Map<string, string>, path: string): { content: string; path: string } | { error: string } {
  const normalised = normaliseStackPath(path);
  if ('error' in normalised) return normalised;
  const content = files.get(normalised.path);
  if (content === undefined) return { error: `no file "${normalised.path}" is kept with the stack` };
  return { content, path: normalised.path };
}
