// What the editors are told while a compose file is typed: the files it names (read by the same
// reader as a deploy, after interpolation, so `${NAME}` in a path counts as it will), and the file
// set a check reads, with the files the server keeps from the revision edited standing in for
// themselves. Never their content: the editor has only what it was given. Pure.
import 'server-only';
import { referencedFiles, type FileReference } from '@/lib/models/compose-files/referenced-files.ts';
import { keptFilePath } from '@/lib/models/compose-files/file-path.ts';
import { interpolate } from './interpolate.ts';
import { parseComposeSource } from './parse-compose.ts';
import type { FilesOwner } from './stack-files.ts';

/** The files the text names, or null when its YAML cannot be read (the editor keeps what it listed before). */
export function listReferencedFiles(composeText: string, variables: Record<string, string>, owner: FilesOwner = 'stack'): FileReference[] | null {
  const parsed = parseComposeSource(composeText);
  if (parsed.document === null) return null;
  return referencedFiles(interpolate(parsed.document, variables, parsed.locate).document, parsed.locate, { longEnvFiles: owner === 'project' });
}

/**
 * The files a check reads: those given, and each kept one not given again as an empty file. A kept
 * file's content was read when its revision was saved; here it only needs to be there, so that it
 * is not reported missing.
 */
export function filesForCheck(given: Record<string, string>, kept: readonly string[]): Record<string, string> {
  const givenPaths = new Set(Object.keys(given).map((name) => keptFilePath(name) ?? name));
  const out: Record<string, string> = {};
  for (const name of kept) {
    const path = keptFilePath(name);
    if (path !== null && !givenPaths.has(path)) out[path] = '';
  }
  return { ...out, ...given };
}
