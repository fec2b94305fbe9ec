// Calling one of the console's server actions over HTTP, as the browser does: the action id comes
// from the build's server reference manifest (by file and export name), the page is any page that
// uses it. The answer is a React Server Components stream whose line "1:" holds the action result.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './paths.ts';

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> };

export type ActionRef = { id: string; page: string };

/** The id of `exportedName` from `filename` (e.g. lib/actions/stacks.ts) and a page path to post it to. */
export async function findAction(filename: string, exportedName: string): Promise<ActionRef> {
  const manifest = JSON.parse(await readFile(path.join(projectRoot, '.next/server/server-reference-manifest.json'), 'utf8')) as Manifest;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename !== filename || entry.exportedName !== exportedName) continue;
    const worker = Object.keys(entry.workers).find((w) => w.startsWith('app/(console)/') && w.endsWith('/page'));
    if (!worker) continue;
    // "app/(console)/stacks/new/page" → "/stacks/new"; dynamic segments are not needed to reach the action.
    const page = worker.replace(/^app\/\(console\)/, '').replace(/\/page$/, '').replace(/\[[^\]]+\]/g, 'x') || '/';
    return { id, page };
  }
  throw new Error(`no console page uses ${exportedName} from ${filename} in this build`);
}

/** Posts the action with one argument; returns the action's result object and the milliseconds it took. */
export async function callAction<T>(origin: string, cookie: string, action: ActionRef, input: unknown): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const response = await fetch(`${origin}${action.page}`, {
    method: 'POST',
    headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin, cookie },
    body: JSON.stringify([input]),
  });
  const text = await response.text();
  const ms = performance.now() - t;
  const line = text.split('\n').find((l) => l.startsWith('1:'));
  if (!response.ok || !line) throw new Error(`action ${action.id} on ${action.page}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return { result: JSON.parse(line.slice(2)) as T, ms };
}
