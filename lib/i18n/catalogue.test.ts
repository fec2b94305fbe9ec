// The catalogues stay whole: both languages have the same namespaces and keys, every message is
// valid ICU with the same placeholders and tags in both, nothing Chinese readers see is left in
// English, and no key sits unused (each is found in the code that says it).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { messagesFor } from './catalogue.ts';
import { LOCALES } from './locales.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const at = `${prefix}${key}`;
    if (typeof value === 'string') found.set(at, value);
    else for (const [k, v] of leaves(value, `${at}.`)) found.set(k, v);
  }
  return found;
}

/** Argument names and tag names a message uses, e.g. ["arg:name", "tag:strong"]. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(`arg:${el.value}`);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(`arg:${el.value}`);
      for (const option of Object.values(el.options)) placeholders(option.value, into);
    }
    if (el.type === TYPE.tag) {
      into.add(`tag:${el.value}`);
      placeholders(el.children, into);
    }
  }
  return into;
}

const catalogues = Object.fromEntries(LOCALES.map((locale) => [locale, leaves(messagesFor(locale) as unknown as Tree)]));
const english = catalogues.en!;
const chinese = catalogues['zh-CN']!;

describe('message catalogues', () => {
  it('have one file per namespace in each language, the same files, each listed in catalogue.ts', () => {
    const files = Object.fromEntries(LOCALES.map((locale) => [locale, readdirSync(path.join(ROOT, 'messages', locale)).sort()]));
    expect(files['zh-CN']).toEqual(files.en);
    expect(files.en!.map((file) => file.replace(/\.json$/, ''))).toEqual(Object.keys(messagesFor('en')).sort());
  });

  it('have exactly the same keys in both languages', () => {
    expect([...chinese.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !chinese.has(key))).toEqual([]);
  });

  it('hold valid messages with the same placeholders and tags in both languages', () => {
    const disagreeing: string[] = [];
    for (const [key, text] of english) {
      const ours = placeholders(parse(text, { ignoreTag: false }));
      const theirs = placeholders(parse(chinese.get(key) ?? '', { ignoreTag: false }));
      if ([...ours].sort().join() !== [...theirs].sort().join()) disagreeing.push(`${key}: ${[...ours].join(' ')} ≠ ${[...theirs].join(' ')}`);
    }
    expect(disagreeing).toEqual([]);
  });

  // A Chinese message equal to its English one was not translated, unless it is only names,
  // symbols and placeholders (the product's name, "{name}: {value}").
  const UNTRANSLATABLE = /^(?:\{[^}]*\}|Wharf|Docker|Swarm|SSH|TLS|URL|CPU|YAML|JSON|LDAP|OIDC|API|HTTP|[\s\p{P}\p{S}\d])*$/u;

  it('leave nothing in English for Chinese readers', () => {
    const untranslated = [...english].filter(([key, text]) => chinese.get(key) === text && !UNTRANSLATABLE.test(text)).map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});

// ---- every key is said somewhere ---------------------------------------------------------------

const SOURCE_DIRS = ['app', 'components', 'lib'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** What one file says: the namespaces it opens, its string literals and its template prefixes. */
function said(text: string) {
  const namespaces = new Set(['']);
  for (const m of text.matchAll(/(?:useTranslations|getTranslations)\(\s*(?:\{[^}]*namespace:\s*)?['"]([^'"]+)['"]/g)) namespaces.add(m[1]!);
  const literals = new Set([...text.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"/g)].map((m) => m[1] ?? m[2] ?? ''));
  for (const m of text.matchAll(/`([^`$]*)`/g)) literals.add(m[1]!);
  const prefixes = new Set([...text.matchAll(/`([^`$]*)\$\{/g)].map((m) => m[1]!).filter(Boolean));
  return { namespaces, literals, prefixes };
}

export function usedKeys(files: { namespaces: Set<string>; literals: Set<string>; prefixes: Set<string> }[], keys: Iterable<string>): Set<string> {
  const used = new Set<string>();
  for (const key of keys) {
    for (const file of files) {
      const hit = [...file.namespaces].some((ns) => {
        const rel = ns ? (key.startsWith(`${ns}.`) ? key.slice(ns.length + 1) : null) : key;
        if (rel === null) return false;
        return file.literals.has(rel) || [...file.prefixes].some((p) => rel.startsWith(p));
      });
      if (hit) {
        used.add(key);
        break;
      }
    }
  }
  return used;
}

describe('catalogue keys in use', () => {
  const files = SOURCE_DIRS.flatMap(sourceFiles).map((file) => said(readFileSync(path.join(ROOT, file), 'utf8')));

  it('finds a use for every key (a key no code says is dead weight for translators)', () => {
    const used = usedKeys(files, english.keys());
    expect([...english.keys()].filter((key) => !used.has(key))).toEqual([]);
  });

  it('tells a used key from an unused one', () => {
    const file = said("const t = useTranslations('auth.signIn'); t('title'); msg('errors.notFound'); t(`nav.${item}`);");
    expect([...usedKeys([file], ['auth.signIn.title', 'auth.signIn.or', 'errors.notFound', 'auth.signIn.nav.hosts'])].sort()).toEqual(['auth.signIn.nav.hosts', 'auth.signIn.title', 'errors.notFound']);
  });
});
