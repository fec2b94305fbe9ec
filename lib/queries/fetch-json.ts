// GET a JSON route of ours; errors carry the server's user-facing message.
import type { ErrorPayload } from '@/lib/errors.ts';

export class FetchError extends Error {
  constructor(readonly status: number, readonly payload: ErrorPayload | null) {
    super(payload?.message ?? `Request failed (HTTP ${status})`);
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: ErrorPayload } | null;
    throw new FetchError(response.status, body?.error ?? null);
  }
  return (await response.json()) as T;
}
