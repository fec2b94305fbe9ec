// Cuts records into batches for one send: at most `maxItems` records and `maxBytes` bytes each
// (a record bigger than `maxBytes` goes alone). Order is kept. Pure.
import 'server-only';

export function splitIntoBatches<T>(items: readonly T[], sizeOf: (item: T) => number, limits: { maxItems: number; maxBytes: number }): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= limits.maxItems || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
