import { describe, expect, it } from 'vitest';
import { formatRelative } from '@/components/ui/relative-time.tsx';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe('formatRelative', () => {
  it.each([
    [0, 'now'],
    [-400, 'now'],
    [-1000, '1 second ago'],
    [-5000, '5 seconds ago'],
    [-59_000, '59 seconds ago'],
    [-60_000, '1 minute ago'],
    [-3 * 60_000, '3 minutes ago'],
    [-59 * 60_000, '59 minutes ago'],
    [-3_600_000, '1 hour ago'],
    [-5 * 3_600_000, '5 hours ago'],
    [-86_400_000, 'yesterday'],
    [-3 * 86_400_000, '3 days ago'],
    [-400 * 86_400_000, '400 days ago'],
  ])('formats %i ms as "%s"', (offset, text) => {
    expect(formatRelative(at(offset), NOW)).toBe(text);
  });

  // The shown clock ticks every 15 s and engines' clocks run a little ahead: not "in 7 seconds".
  it.each([
    [400, 'now'],
    [7000, 'now'],
    [29_000, 'now'],
  ])('reads a time just ahead (%i ms) as "now"', (offset, text) => {
    expect(formatRelative(at(offset), NOW)).toBe(text);
  });

  it.each([
    [45_000, 'in 45 seconds'],
    [2 * 60_000, 'in 2 minutes'],
    [3 * 3_600_000, 'in 3 hours'],
    [86_400_000, 'tomorrow'],
    [10 * 86_400_000, 'in 10 days'],
  ])('formats a future time %i ms ahead as "%s"', (offset, text) => {
    expect(formatRelative(at(offset), NOW)).toBe(text);
  });

  it('switches unit exactly at the unit boundary', () => {
    expect(formatRelative(at(-59_000), NOW)).toBe('59 seconds ago');
    expect(formatRelative(at(-59_000), NOW, 'zh-CN')).toBe('59秒钟前');
    expect(formatRelative(at(-86_400_000), NOW, 'zh-CN')).toBe('昨天');
    expect(formatRelative(at(-60_000), NOW)).toBe('1 minute ago');
    expect(formatRelative(at(-59 * 60_000), NOW)).toBe('59 minutes ago');
    expect(formatRelative(at(-3_600_000), NOW)).toBe('1 hour ago');
    expect(formatRelative(at(-23 * 3_600_000), NOW)).toBe('23 hours ago');
    expect(formatRelative(at(-86_400_000), NOW)).toBe('yesterday');
  });

  // Rounding happens after the unit is chosen, so just under a boundary the count rounds up to
  // a full larger unit of the smaller one.
  it('never says "60 seconds", "60 minutes" or "24 hours" just below a unit boundary', () => {
    expect(formatRelative(at(-59_600), NOW)).toBe('1 minute ago');
    expect(formatRelative(at(-(59 * 60_000 + 45_000)), NOW)).toBe('1 hour ago');
    expect(formatRelative(at(-(23 * 3_600_000 + 45 * 60_000)), NOW)).toBe('yesterday');
  });

  it('depends only on the given now', () => {
    const iso = '2026-03-01T11:00:00.000Z';
    expect(formatRelative(iso, NOW)).toBe('1 hour ago');
    expect(formatRelative(iso, NOW + 3_600_000)).toBe('2 hours ago');
  });

  it('accepts ISO strings with an offset', () => {
    expect(formatRelative('2026-03-01T13:00:00+02:00', NOW)).toBe('1 hour ago');
  });

  // The function ends with `return iso`, a fallback that can never be reached: for an unparsable
  // date it calls Intl.RelativeTimeFormat#format(NaN), which throws and breaks the render.
  it('does not throw on an unparsable date, falling back to the text given', () => {
    expect(() => formatRelative('not a date', NOW)).not.toThrow();
    expect(formatRelative('not a date', NOW)).toBe('not a date');
  });
});
