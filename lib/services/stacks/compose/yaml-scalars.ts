// Reads unquoted YAML scalars the way the docker CLI's YAML decoder (gopkg.in/yaml.v3) does, and
// prints values the way Go's fmt.Sprint does, so `A: 010` or `A: 1e3` in an environment map ends up
// as the same string ("A=8", "A=1000") in Wharf's spec as in the CLI's. Pure.
import 'server-only';

/** A YAML integer outside JavaScript's safe range stays a bigint, so no digit is lost. */
export type YamlScalar = string | number | bigint | boolean | null;

export type ResolvedScalar = { value: YamlScalar; kind: 'string' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'merge' };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** yaml.v3 tries a float only when the text looks like one. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

const SPECIAL: Record<string, ResolvedScalar> = {
  true: { value: true, kind: 'bool' },
  True: { value: true, kind: 'bool' },
  TRUE: { value: true, kind: 'bool' },
  false: { value: false, kind: 'bool' },
  False: { value: false, kind: 'bool' },
  FALSE: { value: false, kind: 'bool' },
  '': { value: null, kind: 'null' },
  '~': { value: null, kind: 'null' },
  null: { value: null, kind: 'null' },
  Null: { value: null, kind: 'null' },
  NULL: { value: null, kind: 'null' },
  '.nan': { value: Number.NaN, kind: 'float' },
  '.NaN': { value: Number.NaN, kind: 'float' },
  '.NAN': { value: Number.NaN, kind: 'float' },
  '.inf': { value: Number.POSITIVE_INFINITY, kind: 'float' },
  '.Inf': { value: Number.POSITIVE_INFINITY, kind: 'float' },
  '.INF': { value: Number.POSITIVE_INFINITY, kind: 'float' },
  '+.inf': { value: Number.POSITIVE_INFINITY, kind: 'float' },
  '+.Inf': { value: Number.POSITIVE_INFINITY, kind: 'float' },
  '+.INF': { value: Number.POSITIVE_INFINITY, kind: 'float' },
  '-.inf': { value: Number.NEGATIVE_INFINITY, kind: 'float' },
  '-.Inf': { value: Number.NEGATIVE_INFINITY, kind: 'float' },
  '-.INF': { value: Number.NEGATIVE_INFINITY, kind: 'float' },
  '<<': { value: '<<', kind: 'merge' },
};

const asInteger = (n: bigint): ResolvedScalar => ({ value: n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n, kind: 'int' });

/** Go's strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b and a leading 0 for octal), as one range check. */
function parseGoInteger(text: string): bigint | null {
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return null;
  const [, sign, body] = match;
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body);
  const value = sign === '-' ? -magnitude : magnitude;
  if (sign === '-' ? value < INT64_MIN : value > UINT64_MAX) return null;
  if (sign === '+' && value > INT64_MAX) return null; // ParseUint refuses a sign
  return value;
}

const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?)?$/;

const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * yaml.v3 turns an unquoted date into a time.Time, and the CLI then prints it with Go's
 * Time.String(): "2001-12-14" becomes "2001-12-14 00:00:00 +0000 UTC". Null when not a timestamp.
 */
export function goTimestampString(text: string): string | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [, y, mo, d, tee, space, hh, mi, ss, fraction, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  const date = `${y}-${pad(month)}-${pad(day)}`;
  if (!hh) return `${date} 00:00:00 +0000 UTC`;
  // With a T the zone is required; separated by a space it must be absent (yaml.v3's formats).
  if ((tee && !zone) || (space && zone)) return null;
  const [hour, minute, second] = [Number(hh), Number(mi), Number(ss)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const frac = fraction ? fraction.replace(/0+$/, '') : '';
  const time = `${pad(hour)}:${pad(minute)}:${pad(second)}${frac ? `.${frac}` : ''}`;
  if (!zone || zone === 'Z' || zone === '+00:00') return `${date} ${time} +0000 UTC`;
  const offset = zone.replace(':', '');
  return `${date} ${time} ${offset} ${offset}`;
}

/** What yaml.v3 makes of an unquoted scalar written as `text`. */
export function resolvePlainScalar(text: string): ResolvedScalar {
  if (Object.hasOwn(SPECIAL, text)) return SPECIAL[text];
  const first = text[0];
  if (first === '.') {
    const f = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : Number.NaN;
    return Number.isNaN(f) ? { value: text, kind: 'string' } : { value: f, kind: 'float' };
  }
  if (!/[-+0-9]/.test(first ?? '')) return { value: text, kind: 'string' };
  const timestamp = goTimestampString(text);
  if (timestamp !== null) return { value: timestamp, kind: 'timestamp' };
  const plain = text.replaceAll('_', '');
  const integer = parseGoInteger(plain);
  if (integer !== null) return asInteger(integer);
  if (YAML_STYLE_FLOAT.test(plain)) return { value: Number(plain), kind: 'float' };
  return { value: text, kind: 'string' };
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64), which is what fmt.Sprint prints for a float64. */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const negative = f < 0;
  // JavaScript's shortest round-trip digits are the same digits Go picks.
  const [mantissa, exponentText] = Math.abs(f).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  let body: string;
  if (exponent < -4 || exponent >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    body = `${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${pad(Math.abs(exponent))}`;
  } else if (exponent < 0) {
    body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  } else {
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    body = fraction ? `${whole}.${fraction}` : whole;
  }
  return negative ? `-${body}` : body;
}

/**
 * The string the CLI makes of a scalar where it wants one (fmt.Sprint): environment values,
 * labels, sysctls, driver options. Floats were read as float64; integers print as written in base 10.
 */
export function goScalarString(value: YamlScalar, floatHint = false): string {
  if (value === null) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) && !floatHint ? String(value) : formatGoFloat(value);
  return String(value);
}
