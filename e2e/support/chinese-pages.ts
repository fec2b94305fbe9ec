// What the Simplified Chinese tour of every page checks (issue 15): no catalogue key shown in place
// of its message, no English left in what people read to find their way — headings, buttons,
// labels, tabs, table headers, navigation, badges and sentences — and a layout that holds with CJK
// text at 1280×800 (no sideways scroll, no clipped button or header). Pages still built from files in
// lib/i18n/pending.mjs (the page or anything it imports) are not yet expected in Chinese.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { messagesFor } from '../../lib/i18n/catalogue.ts';
import { I18N_PENDING } from '../../lib/i18n/pending.mjs';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));
}

const english = leaves(messagesFor('en') as unknown as Tree);
/** Every key: shown as text, it is a message that was not found. */
export const CATALOGUE_KEYS = english.map(([key]) => key);

/** Words English messages use (4 letters or more), minus names that read the same in Chinese pages (Compose's "profile" is kept, as docs/i18n.md's glossary says). */
const NAMES = new Set(['wharf', 'docker', 'swarm', 'compose', 'linux', 'https', 'http', 'yaml', 'json', 'ldap', 'oidc', 'busybox', 'admin', 'latest', 'bridge', 'overlay', 'ingress', 'none', 'host', 'local', 'tcp', 'udp', 'unix', 'root', 'stdout', 'stderr', 'starttls', 'openid', 'profile']);
/** Names of protocols made of English words, read as names in Chinese pages too. */
const NAME_PHRASES = ['OpenID Connect'];
export const ENGLISH_WORDS = [...new Set(english.flatMap(([, text]) => text.replace(/\{[^}]*\}|<[^>]*>/g, ' ').toLowerCase().match(/[a-z]{4,}/g) ?? []))].filter((word) => !NAMES.has(word));

const ROOT = process.cwd();
const pending = new Set(I18N_PENDING);

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`]) if (existsSync(candidate) && /\.(tsx?)$/.test(candidate)) return candidate;
  return null;
}

/** The files a page is built from that are not yet in the catalogues (empty: it is expected in Chinese). */
export function pendingFilesOf(pageFile: string): string[] {
  const seen = new Set<string>();
  const queue = [path.join(ROOT, pageFile)];
  const found: string[] = [];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const rel = path.relative(ROOT, file);
    if (pending.has(rel)) found.push(rel);
    if (!/^(app|components)\//.test(rel)) continue; // lib/ holds no JSX
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
      const next = resolveImport(file, m[1]!);
      if (next) queue.push(next);
    }
  }
  return found;
}

/** The page file serving a route of app/ (`/hosts/[hostId]` → app/(console)/hosts/[hostId]/page.tsx). */
export function pageFileOf(route: string, group: string | null): string {
  return path.join('app', ...(group ? [group] : []), ...route.split('/').filter(Boolean), 'page.tsx');
}

/** What the open page shows that is a catalogue key, or English where Chinese belongs. */
export async function untranslatedOn(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ keys, words, phrases }) => {
      const keySet = new Set(keys);
      const wordSet = new Set(words);
      const problems: string[] = [];
      const visible = (el: Element) => {
        const box = (el as HTMLElement).getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      };
      // Text nodes and read attributes that are a key.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        if (keySet.has(text)) problems.push(`key shown: ${text}`);
      }
      for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
        for (const attr of ['aria-label', 'title', 'placeholder']) {
          const value = el.getAttribute(attr)?.trim();
          if (value && keySet.has(value)) problems.push(`key shown in ${attr}: ${value}`);
        }
      }
      // What people read to find their way: in Chinese, or only names, numbers and symbols.
      const selector = 'h1, h2, h3, th, label, legend, button, [role=tab], nav a, dt, p, [role=status], [role=alert], caption, option';
      for (const el of document.querySelectorAll(selector)) {
        // [data-api-document]: the API reference renders the OpenAPI document, which is in English.
        if (!visible(el) || el.closest('[data-engine-output], [data-api-document], .xterm, .cm-editor, pre, code')) continue;
        const text = phrases.reduce((rest, phrase) => rest.replaceAll(phrase, ' '), ((el as HTMLElement).innerText || el.getAttribute('aria-label') || '').trim()).trim();
        if (!text || /[\u4e00-\u9fff]/.test(text)) continue;
        const english = (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((word) => wordSet.has(word));
        // Names of objects (lab-1, e2e-csp_web, busybox:latest) hold letters too: one English word
        // inside a name-shaped token is not a sentence.
        const bare = text.replace(/\S*[0-9_:/@.-]\S*/g, ' ');
        const sentence = (bare.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((word) => wordSet.has(word));
        if (english.length && sentence.length) problems.push(`English in <${el.tagName.toLowerCase()}>: ${text.slice(0, 100)}`);
      }
      // Layout holds at 1280×800: the page does not scroll sideways, no button or header cuts its words.
      if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways (${document.documentElement.scrollWidth}px wide)`);
      for (const el of document.querySelectorAll('button, th, [role=tab], nav a')) {
        const box = el as HTMLElement;
        if (visible(el) && box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflow !== 'visible') problems.push(`clipped <${el.tagName.toLowerCase()}>: ${box.innerText.slice(0, 60)}`);
      }
      return [...new Set(problems)];
    },
    { keys: CATALOGUE_KEYS, words: ENGLISH_WORDS, phrases: NAME_PHRASES },
  );
}

const chineseLeaves = new Map(leaves(messagesFor('zh-CN') as unknown as Tree));

/**
 * The Chinese accessible name of what English tests call `english`: every catalogue message whose
 * English text it is, in Chinese, as one exact pattern. A journey in Chinese is the English one
 * with its names read through this, so it follows the catalogue, not a copy of it.
 */
export function zh(text: string): RegExp {
  const found = [...new Set(english.filter(([, value]) => value === text).map(([key]) => chineseLeaves.get(key)!))];
  if (found.length === 0) throw new Error(`no catalogue message reads "${text}" in English`);
  return new RegExp(`^(?:${found.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}
