// What a benchmark module provides to bench/run.ts.
import type { BenchPostgres } from './postgres.ts';
import type { BenchResult, Verdict } from './report.ts';

export type BenchContext = { pg: BenchPostgres; log: (line: string) => void };

export type Measured<F> = { verdicts: Verdict[]; figures: F; notes: string[] };

export type Benchmark<F> = {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Measured<F>>;
  /** The figures as text tables, for the terminal. */
  printFigures(result: BenchResult<F>): string;
  /** The docs section body: what and how (Markdown), then the figures. */
  markdown(result: BenchResult<F>): string;
};

/** Waits `ms`; used only for the documented settling and sampling windows. */
export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Wall-clock time in milliseconds with sub-millisecond resolution (comparable with an engine's timeNano). */
export const nowMs = () => performance.timeOrigin + performance.now();

/** An engine's timeNano (nanoseconds since the epoch, as a decimal string) in milliseconds. */
export function timeNanoToMs(timeNano: string): number {
  const ns = BigInt(timeNano);
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}
