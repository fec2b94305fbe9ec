// The browser gets every namespace its code needs: each one a client component opens, and each one
// whose keys a module the browser loads says. The modules the browser loads are the 'use client'
// files and everything they import (but type-only imports and server-only modules).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesFor, type Messages } from './catalogue.ts';
import { CLIENT_NAMESPACES, clientMessages } from './client-namespaces.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const sources = new Map(['app', 'components', 'lib'].flatMap(sourceFiles).map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')]));

function resolveImport(files: ReadonlyMap<string, string>, from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.normalize(path.join(path.dirname(from), spec)) : null;
  if (base === null) return null;
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((file) => files.has(file)) ?? null;
}

const isClientEntry = (text: string) => /^(?:\s*\/\/[^\n]*\n)*\s*['"]use client['"]/.test(text);

/** The 'use client' files and every module they import at run time, transitively. */
function browserModules(files: ReadonlyMap<string, string>): Set<string> {
  const found = new Set([...files].filter(([, text]) => isClientEntry(text)).map(([file]) => file));
  const todo = [...found];
  while (todo.length) {
    const file = todo.pop()!;
    for (const m of files.get(file)!.matchAll(/(?:import|export)\s(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/g)) {
      const target = resolveImport(files, file, m[1]!);
      if (target && !found.has(target) && !files.get(target)!.includes("import 'server-only'")) {
        found.add(target);
        todo.push(target);
      }
    }
  }
  return found;
}

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] => Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
const KEYS = new Set(keysOf(messagesFor('en') as unknown as Tree));

/** The namespaces a module's text opens (useTranslations('ns…')) or whose keys it says as literals. */
function namespacesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:useTranslations|getTranslations)\(\s*(?:\{[^}]*namespace:\s*)?['"]([^'"]+)['"]/g)) found.add(m[1]!.split('.')[0]!);
  for (const m of text.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"/g)) {
    const literal = m[1] ?? m[2] ?? '';
    if (KEYS.has(literal)) found.add(literal.split('.')[0]!);
  }
  return found;
}

describe('the namespaces the browser gets', () => {
  it('hold every namespace the browser\'s modules open or say', () => {
    const needed = new Map<string, string>();
    for (const file of browserModules(sources)) for (const ns of namespacesIn(sources.get(file)!)) if (!needed.has(ns)) needed.set(ns, file);
    const missing = [...needed].filter(([ns]) => !CLIENT_NAMESPACES.includes(ns as keyof Messages)).map(([ns, file]) => `${ns} (${file})`);
    expect(missing).toEqual([]);
  });

  it('find a client component\'s namespace, and one said by a module it imports', () => {
    const files = new Map([
      ['components/a.tsx', "'use client';\nimport { b } from './b.ts';\nimport type { C } from '@/lib/c.ts';\nconst t = useTranslations('hosts.table');"],
      ['components/b.ts', "export const b = msg('errors.notFound');"],
      ['lib/c.ts', "export type C = 'driverText.up.unexpected';"],
    ]);
    const modules = browserModules(files);
    expect([...modules].sort()).toEqual(['components/a.tsx', 'components/b.ts']);
    expect([...modules].flatMap((file) => [...namespacesIn(files.get(file)!)]).sort()).toEqual(['errors', 'hosts']);
  });

  it('leave out what only the server says', () => {
    const sent = clientMessages(messagesFor('zh-CN'));
    for (const ns of ['composeChecks', 'transportText', 'streamText', 'dashboard'] as const) expect(sent).not.toHaveProperty(ns);
    expect(sent.hosts).toBe(messagesFor('zh-CN').hosts);
  });
});
