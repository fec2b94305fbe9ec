// Which Origin a browser request may come from: the configured public URL, or else the origin
// the request itself was addressed to (its Host header; behind a TLS proxy, set
// WHARF_PUBLIC_URL). Pure.
import 'server-only';

export function expectedOrigin(publicUrl: string | undefined, hostHeader: string | undefined): string | null {
  if (publicUrl) return new URL(publicUrl).origin;
  return hostHeader ? `http://${hostHeader}` : null;
}

export function originAllowed(origin: string | undefined | null, expected: string | null): boolean {
  if (!origin || origin === 'null' || !expected) return false;
  try {
    return new URL(origin).origin === expected;
  } catch {
    return false;
  }
}
