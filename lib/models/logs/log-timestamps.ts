// The engine's log timestamps: RFC 3339 with up to nanoseconds, compared exactly (as BigInt
// nanoseconds), and the engine's since/until parameters made from them. Pure; used by the log
// streams on the server and by the viewer's resume cursor in the browser.

/** Nanoseconds since the epoch of an RFC 3339 timestamp (any fraction length, any offset). */
export function tsToNanos(ts: string): bigint {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!match) throw new Error(`Not a timestamp: ${ts}`);
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  if (!Number.isFinite(seconds)) throw new Error(`Not a timestamp: ${ts}`);
  return BigInt(seconds) * 1_000_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/** The engine's since/until parameter: `<seconds>.<nanoseconds>` (exact, unlike a float). */
export function tsToEngineParam(ts: string): string {
  const nanos = tsToNanos(ts);
  const seconds = nanos / 1_000_000_000n;
  const fraction = nanos % 1_000_000_000n;
  return `${seconds}.${fraction.toString().padStart(9, '0')}`;
}

/** The timestamp `deltaNanos` before `ts`, as an engine parameter. */
export function engineParamBefore(ts: string, deltaNanos: bigint): string {
  const nanos = tsToNanos(ts) - deltaNanos;
  const clamped = nanos < 0n ? 0n : nanos;
  return `${clamped / 1_000_000_000n}.${(clamped % 1_000_000_000n).toString().padStart(9, '0')}`;
}

export const isTimestamp = (value: string): boolean => {
  try {
    tsToNanos(value);
    return true;
  } catch {
    return false;
  }
};
