// Waiting for something to become true in tests, without fixed sleeps: polls until a deadline.
export async function waitFor<T>(probe: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 50, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Collects what a subscription delivers, to wait for a matching item. */
export function collector<T>() {
  const items: T[] = [];
  return {
    items,
    push: (item: T) => void items.push(item),
    waitFor: (match: (item: T) => boolean, options?: { timeoutMs?: number; what?: string }) => waitFor(() => items.find(match), options),
  };
}
