// The CLI's number formats for resources: memory sizes like "50M" or "1.5GiB" (go-units RAMInBytes)
// and CPU counts like "0.5" (opts.ParseCPUs, exact to the nano-CPU). Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

const BINARY: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** go-units RAMInBytes: a number, an optional space, then b, k, m, g, t or p, optionally followed by i and/or b. */
export function ramInBytes(text: string): { bytes: number } | { error: Message } {
  const invalidSize = { error: msg('composeChecks.units.invalidSize', { text }) };
  let sep = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(text[i])) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return invalidSize;
  const number = text[sep] === ' ' ? text.slice(0, sep) : text.slice(0, sep + 1);
  let suffix = text.slice(sep + 1);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(number)) return invalidSize;
  let size = Number(number);
  if (size < 0) return invalidSize;
  if (suffix === '') return { bytes: Math.trunc(size) };
  const badSuffix = { error: msg('composeChecks.units.invalidSuffix', { suffix: suffix.toLowerCase() }) };
  if (suffix.length > 3) return { error: msg('composeChecks.units.invalidSuffix', { suffix }) };
  suffix = suffix.toLowerCase();
  if (suffix[0] === 'b') return suffix.length > 1 ? badSuffix : { bytes: Math.trunc(size) };
  const multiplier = Object.hasOwn(BINARY, suffix[0]) ? BINARY[suffix[0]] : undefined;
  if (multiplier === undefined) return badSuffix;
  if (suffix.length === 2 && suffix[1] !== 'i' && suffix[1] !== 'b') return badSuffix;
  if (suffix.length === 3 && (suffix[1] !== 'i' || suffix[2] !== 'b')) return badSuffix;
  size *= multiplier;
  return { bytes: Math.trunc(size) };
}

/** A decimal ("0.5", "1e-3") or a fraction ("1/3") as numerator/denominator, like Go's big.Rat.SetString. */
function parseRational(text: string): { num: bigint; den: bigint } | null {
  const fraction = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (fraction) {
    const den = BigInt(fraction[2]);
    return den === 0n ? null : { num: BigInt(fraction[1]), den };
  }
  const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!decimal || (decimal[2] === '' && !decimal[3])) return null;
  const [, sign, whole, frac = '', exp = '0'] = decimal;
  let num = BigInt(`${whole || '0'}${frac}`);
  let den = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (Math.abs(e) > 1000) return null;
  if (e >= 0) num *= 10n ** BigInt(e);
  else den *= 10n ** BigInt(-e);
  return { num: sign === '-' ? -num : num, den };
}

/** opts.ParseCPUs: CPUs to nano-CPUs, refusing values finer than one nano-CPU. */
export function parseCpus(text: string): { nanoCpus: number } | { error: Message } {
  const rational = parseRational(text);
  if (!rational) return { error: msg('composeChecks.units.notRational', { text }) };
  const scaled = rational.num * 1_000_000_000n;
  if (scaled % rational.den !== 0n) return { error: msg('composeChecks.units.tooPrecise') };
  const nano = scaled / rational.den;
  if (nano > BigInt(Number.MAX_SAFE_INTEGER) || nano < -BigInt(Number.MAX_SAFE_INTEGER)) return { error: msg('composeChecks.units.cpusOutOfRange', { text }) };
  return { nanoCpus: Number(nano) };
}
