// Go's time.ParseDuration ("1m30s", "2h", "10ms", "1.5h"), which the CLI uses for every compose
// duration, giving the nanoseconds the engine stores. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5 micro sign
  'μs': 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const COMPONENT = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/** Nanoseconds, or an error worded like Go's. Durations past 2^53 ns (about 104 days) are refused. */
export function parseGoDuration(text: string): { nanoseconds: number } | { error: Message } {
  const invalid = { error: msg('composeChecks.units.invalidDuration', { text }) };
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return { nanoseconds: 0 };
  if (rest === '') return invalid;
  let total = 0n;
  let fractional = 0;
  while (rest !== '') {
    const m = COMPONENT.exec(rest);
    if (!m) return invalid;
    const [whole, intDigits, fracDigits, unitText] = m;
    if (intDigits === '' && (fracDigits === undefined || fracDigits === '')) return invalid;
    const unit = Object.hasOwn(UNITS, unitText) ? UNITS[unitText] : undefined;
    if (unit === undefined) return { error: msg('composeChecks.units.unknownUnit', { unit: unitText, text }) };
    total += BigInt(intDigits || '0') * BigInt(unit);
    // Go adds the fraction as float64(f) * (unit / 10^digits), truncated: do the same.
    if (fracDigits) fractional += Math.trunc(Number(fracDigits) * (unit / 10 ** fracDigits.length));
    rest = rest.slice(whole.length);
  }
  total += BigInt(fractional);
  if (total > 2n ** 63n - 1n) return invalid;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return { error: msg('composeChecks.units.durationTooLong', { text }) };
  const nanoseconds = Number(total);
  return { nanoseconds: negative && nanoseconds !== 0 ? -nanoseconds : nanoseconds };
}
