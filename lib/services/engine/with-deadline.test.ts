// The one deadline: its signal aborts when time is up or when the caller's own signal does, and
// a call that answered in time is left alone afterwards.
import { describe, expect, it } from 'vitest';
import { EngineTimeout } from './explain-connection-error.ts';
import { withDeadline } from './with-deadline.ts';

const never = (signal: AbortSignal, seen: AbortSignal[]) =>
  new Promise<never>((_, reject) => {
    seen.push(signal);
    signal.addEventListener('abort', () => reject(new Error('aborted')));
  });

describe('withDeadline', () => {
  it('answers what the work answers, and never aborts its signal afterwards', async () => {
    let kept: AbortSignal | undefined;
    const value = await withDeadline(async (signal) => {
      kept = signal;
      return 42;
    }, 20);
    expect(value).toBe(42);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(kept?.aborted).toBe(false);
  });

  it('rejects with EngineTimeout and aborts the signal when the time is up', async () => {
    const seen: AbortSignal[] = [];
    const failure = await withDeadline((signal) => never(signal, seen), 20).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineTimeout);
    expect((failure as EngineTimeout).ms).toBe(20);
    expect(seen[0].aborted).toBe(true);
  });

  it('passes on the work\'s own failure', async () => {
    await expect(withDeadline(() => Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
  });

  it('aborts with the caller\'s signal, during the call and after it (a stream it opened)', async () => {
    const during = new AbortController();
    const seen: AbortSignal[] = [];
    const call = withDeadline((signal) => never(signal, seen), 10_000, during.signal);
    during.abort();
    await expect(call).rejects.toThrow('aborted');

    const after = new AbortController();
    let kept: AbortSignal | undefined;
    await withDeadline(async (signal) => {
      kept = signal;
    }, 10_000, after.signal);
    expect(kept?.aborted).toBe(false);
    after.abort();
    expect(kept?.aborted).toBe(true);
  });

  it('lets many requests listen to one signal without a warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    await withDeadline(async (signal) => {
      for (let i = 0; i < 50; i++) signal.addEventListener('abort', () => {});
    }, 1000);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
