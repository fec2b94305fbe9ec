// One network change at a time in this console: allocating an address and wiring a namespace, or
// deciding the bridge is unused and deleting it, must not interleave with another machine's.
import 'server-only';
let tail: Promise<unknown> = Promise.resolve();

export function withLocalNetworkLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => {});
  return run;
}
