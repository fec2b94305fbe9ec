// The browser-side protections every answer carries (docs/architecture.md, "Browser protections"): the
// Content-Security-Policy of pages (scripts by a per-request nonce, which Next.js reads from the
// request's own policy header and puts on its scripts), the restrictive one of route handlers,
// and the Permissions-Policy. Pure: proxy.ts makes the nonce and sends the page policy,
// next.config.js sends the static headers (a unit test holds the two files to these values).
import 'server-only';

export const CSP_HEADER = 'Content-Security-Policy';
/** The request header that hands the nonce to server components (the root layout). */
export const NONCE_HEADER = 'x-nonce';

type Directives = Array<[name: string, sources: string[]]>;

// A nonce is base64 (what Next.js recognises, and nothing that could end a header or a directive).
const NONCE = /^[A-Za-z0-9+/]{22,}={0,2}$/;

/** A fresh nonce: 16 random bytes in base64, one per response. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

const serialize = (directives: Directives) => directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');

/**
 * The policy of a page. Scripts run only with this response's nonce, and what they load
 * ('strict-dynamic': Next.js's chunks, added by its runtime); never eval, except in development,
 * where React rebuilds server error stacks with it. Styles allow inline: xterm, sonner and Radix's
 * scroll lock insert <style> elements without a nonce, and React writes style attributes (see
 * docs/architecture.md, "Browser protections"); every request a stylesheet could make stays on this origin.
 */
export function pagePolicy(nonce: string, options: { dev: boolean }): string {
  if (!NONCE.test(nonce)) throw new Error('A CSP nonce is base64 of at least 16 bytes');
  return serialize([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    // data: for the SVG underlines of the compose editor's lint marks (CodeMirror).
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    // 'self' covers the same origin's ws: and wss: (socket.io, and the dev server's HMR socket).
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ]);
}

/** The policy of route handlers (JSON, downloads): nothing may load or run if one is opened as a page. */
export const ROUTE_POLICY = serialize([
  ['default-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'self'"]],
  ['frame-ancestors', ["'none'"]],
]);

/** Browser features a console never uses, denied to the page and anything it embeds. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** Headers of every answer (next.config.js), besides the policies above. */
export const STATIC_HEADERS: Record<string, string> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
};
