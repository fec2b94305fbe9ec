'use client';
// "3 minutes ago" (in the page's language), kept current, with the exact time on hover.
import { useLocale } from 'next-intl';
import { useCallback, useSyncExternalStore } from 'react';

// Each unit with the count at which the next one takes over ("60 seconds" reads as "1 minute").
const units: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['second', 1000, 60],
  ['minute', 60_000, 60],
  ['hour', 3_600_000, 24],
  ['day', 86_400_000, Infinity],
];

/** The clock shown moves every TICK_MS and an engine's clock may run a little ahead of the
 * console's: a time less than this far in the future has just happened, and reads "now". */
export const FUTURE_SLACK_MS = 30_000;

export function formatRelative(iso: string, now: number, locale = 'en'): string {
  const raw = new Date(iso).getTime() - now;
  if (!Number.isFinite(raw)) return iso;
  const diff = raw > 0 && raw < FUTURE_SLACK_MS ? 0 : raw;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms, next] of units) {
    const count = Math.round(diff / ms);
    if (Math.abs(count) < next) return format.format(count, unit);
  }
  return iso;
}

/** The same text on the server and in the browser (no locale or time zone): avoids hydration mismatches. */
const stable = (iso: string) => (Number.isFinite(new Date(iso).getTime()) ? `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso);

const TICK_MS = 15_000;

/** The time now, moving on every `tickMs` in the browser; null on the server and while hydrating. */
export function useNow(tickMs: number): number | null {
  const subscribe = useCallback((changed: () => void) => {
    const timer = setInterval(changed, tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  // The same value within a tick, so React sees a stable snapshot between ticks.
  return useSyncExternalStore(subscribe, () => Math.floor(Date.now() / tickMs) * tickMs, () => null);
}

/** A dash when there is no time. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  const locale = useLocale();
  const now = useNow(TICK_MS);
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso} title={now === null ? stable(iso) : new Date(iso).toLocaleString(locale)}>
      {now === null ? stable(iso) : formatRelative(iso, now, locale)}
    </time>
  );
}
