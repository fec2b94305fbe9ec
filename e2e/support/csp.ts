// Content-Security-Policy helpers for the end-to-end tests (case 44): what the browser reports
// about a context's pages, the page policy's directives, and the console's pages as app/ lays them out.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext } from '@playwright/test';

/**
 * Collects every CSP violation the pages of `context` report: the `securitypolicyviolation`
 * events (listened for by an init script, which runs before any of the page's own scripts and
 * is not subject to its policy), and the console messages Chromium writes about a policy
 * (Content-Security-Policy, Permissions-Policy). Call before the context's first page.
 */
export async function watchPolicies(context: BrowserContext): Promise<string[]> {
  const reports: string[] = [];
  await context.exposeBinding('wharfReportViolation', (_source, report: string) => void reports.push(report));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = `${location.pathname}${location.search}: ${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber} ${e.sample}`;
        (window as unknown as { wharfReportViolation: (r: string) => void }).wharfReportViolation(report);
      },
      true,
    );
  });
  context.on('console', (message) => {
    if (/Content.Security.Policy|Permissions-Policy/i.test(message.text())) reports.push(`console on ${message.page()?.url()}: ${message.text()}`);
  });
  return reports;
}

/** A policy header as a map of directive → sources. */
export function directivesOf(policy: string | undefined): Map<string, string[]> {
  return new Map((policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...sources]) => [name, sources]));
}

/** Checks a page answer's policy for case 44's directives; returns its nonce. */
export function expectPagePolicy(policy: string | undefined, where: string): string {
  const directives = directivesOf(policy);
  const scripts = directives.get('script-src') ?? [];
  const nonce = scripts.map((s) => /^'nonce-([A-Za-z0-9+/]+={0,2})'$/.exec(s)?.[1]).find(Boolean);
  expect(nonce, `${where}: script-src has a nonce`).toBeTruthy();
  expect(scripts, `${where}: script-src`).toContain("'strict-dynamic'");
  expect(scripts, `${where}: script-src`).not.toContain("'unsafe-eval'");
  expect(scripts, `${where}: script-src`).not.toContain("'unsafe-inline'");
  expect(directives.get('default-src'), `${where}: default-src`).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors'), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(directives.get('object-src'), `${where}: object-src`).toEqual(["'none'"]);
  expect(directives.get('base-uri'), `${where}: base-uri`).toEqual(["'none'"]);
  expect(directives.get('form-action'), `${where}: form-action`).toEqual(["'self'"]);
  expect(directives.get('connect-src'), `${where}: connect-src`).toEqual(["'self'"]);
  return nonce!;
}

/** A page of app/: its route (route groups left out, e.g. /hosts/[hostId]/edit) and the group it sits in. */
export type AppPage = { route: string; group: string | null };

/** The console's pages, from every app/**\/page.tsx (route handlers under app/api and private _folders hold none). */
export function appPages(dir = 'app', route = '', group: string | null = null): AppPage[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return /^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name) ? [{ route: route || '/', group }] : [];
    if (!entry.isDirectory() || entry.name === 'api' || entry.name.startsWith('_')) return [];
    const isGroup = /^\(.*\)$/.test(entry.name);
    return appPages(path.join(dir, entry.name), isGroup ? route : `${route}/${entry.name}`, isGroup ? entry.name : group);
  });
}

/** The dynamic segments of a route, e.g. ['hostId', 'containerId']. */
export const segmentsOf = (route: string): string[] => [...route.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);

/** A route's path with each dynamic segment filled from `ids`; throws naming a segment that has no id. */
export function pathOf(route: string, ids: Record<string, string | undefined>): string {
  return route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`No id for [${name}] of the page ${route}: the tour must make one (or be told how the page is reached)`);
    return encodeURIComponent(id);
  });
}

/** The route a path is served by: a static segment before a dynamic one (/hosts/new, not /hosts/[hostId]). */
export function routeOf(routes: string[], pathname: string): string | undefined {
  return [...routes]
    .sort((a, b) => segmentsOf(a).length - segmentsOf(b).length)
    .find((route) => new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}$`).test(pathname));
}
