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

/** The console's page routes, from app/**\/page.tsx (route groups left out), e.g. /hosts/[hostId]/edit. */
export function appPageRoutes(dir = 'app', route = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === 'page.tsx' ? [route || '/'] : [];
    if (!entry.isDirectory() || entry.name === 'api' || entry.name.startsWith('_')) return [];
    return appPageRoutes(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? route : `${route}/${entry.name}`);
  });
}

/** The route a path is served by: a static segment before a dynamic one (/hosts/new, not /hosts/[hostId]). */
export function routeOf(routes: string[], pathname: string): string | undefined {
  const dynamicSegments = (route: string) => (route.match(/\[/g) ?? []).length;
  return [...routes]
    .sort((a, b) => dynamicSegments(a) - dynamicSegments(b))
    .find((route) => new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}$`).test(pathname));
}
