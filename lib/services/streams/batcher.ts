// Lines are sent to the browser in batches: at most one message per interval (50 ms), or sooner
// when a batch is full, so a writer at 50,000 lines/s costs 20 messages a second, not 50,000.
import 'server-only';
export type BatcherOptions<T> = {
  intervalMs?: number;
  maxItems?: number;
  onFlush: (items: T[]) => void;
  /** Injected for tests. */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
};

const defaultSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(timer) };
};

export function createBatcher<T>({ intervalMs = 50, maxItems = 2000, onFlush, schedule = defaultSchedule }: BatcherOptions<T>) {
  let items: T[] = [];
  let timer: { cancel(): void } | null = null;
  let closed = false;
  const flush = () => {
    timer?.cancel();
    timer = null;
    if (!items.length) return;
    const batch = items;
    items = [];
    onFlush(batch);
  };
  return {
    push(item: T): void {
      if (closed) return;
      items.push(item);
      if (items.length >= maxItems) flush();
      else timer ??= schedule(flush, intervalMs);
    },
    flush,
    /** Items waiting for the next flush. */
    get size() {
      return items.length;
    },
    close(): void {
      flush();
      closed = true;
    },
  };
}
