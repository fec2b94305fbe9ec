// How long to wait before trying a destination again after `failures` failures in a row:
// doubling from `baseMs` up to `maxMs`, with the upper half jittered so that destinations that
// failed together do not retry together. Pure (`random` is injected).
import 'server-only';

export type Backoff = { baseMs: number; maxMs: number };
export const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 5 * 60_000 };

export function retryDelayMs(failures: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  if (failures < 1) return 0;
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
