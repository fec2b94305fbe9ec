// The files kept with a stack (env files, secret and config files), addressed by paths relative to
// the compose file. A path that is absolute, climbs with "..", or carries NUL or control characters
// is refused (lib/models/compose-files/file-path.ts): nothing a compose file names may resolve
// outside the stack's own files. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { keptFilePathOf, type PathRefusal } from '@/lib/models/compose-files/file-path.ts';

export type StackFiles = Record<string, string>;

/** Whose files these are: a stack's, or a compose project's (the same rules, said of the project). */
export type FilesOwner = 'stack' | 'project';

const REFUSALS: Record<PathRefusal, (owner: FilesOwner) => Message> = {
  empty: () => msg('composeChecks.files.empty'),
  controlCharacters: () => msg('composeChecks.files.controlCharacters'),
  backslash: () => msg('composeChecks.files.backslash'),
  absolute: (owner) => msg('composeChecks.files.absolute', { owner }),
  home: (owner) => msg('composeChecks.files.home', { owner }),
  climbs: (owner) => msg('composeChecks.files.climbs', { owner }),
  folder: () => msg('composeChecks.files.folder'),
};

/** "./conf/app.env" → "conf/app.env"; an error for anything that could leave the stack's files. */
export function normaliseStackPath(path: string, owner: FilesOwner = 'stack'): { path: string } | { error: Message } {
  const kept = keptFilePathOf(path);
  return 'path' in kept ? kept : { error: REFUSALS[kept.refused](owner) };
}

/** Normalises every path of a stack's file set, refusing unsafe ones and two names for one file. */
export function normaliseStackFiles(files: StackFiles, owner: FilesOwner = 'stack'): { files: Map<string, string>; errors: Message[] } {
  const out = new Map<string, string>();
  const errors: Message[] = [];
  for (const [name, content] of Object.entries(files)) {
    const normalised = normaliseStackPath(name, owner);
    if ('error' in normalised) {
      errors.push(msg('composeChecks.files.fileProblem', { owner, name, detail: normalised.error }));
      continue;
    }
    if (out.has(normalised.path)) {
      errors.push(msg('composeChecks.files.samePath', { owner, name, path: normalised.path }));
      continue;
    }
    out.set(normalised.path, content);
  }
  return { files: out, errors };
}

/** The content of a file a compose file refers to, or why it cannot be used. */
export function readStackFile(files: Map<string, string>, path: string, owner: FilesOwner = 'stack'): { content: string; path: string } | { error: Message } {
  const normalised = normaliseStackPath(path, owner);
  if ('error' in normalised) return normalised;
  const content = files.get(normalised.path);
  if (content === undefined) return { error: msg('composeChecks.files.notKept', { owner, path: normalised.path }) };
  return { content, path: normalised.path };
}
