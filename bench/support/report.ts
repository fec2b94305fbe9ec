// Shared shapes and formatting: results files, machine facts, percentiles, text tables.
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';

export type MachineFacts = { cores: number; cpuModel: string; node: string; kernel: string; memoryGb: number; loadAverage1m: number; freeMemoryGb: number };

export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    kernel: release(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

export type Verdict = { target: string; met: boolean; measured: string };

/** What every results file holds; `figures` is the benchmark's own. */
export type BenchResult<F = unknown> = {
  benchmark: string;
  title: string;
  date: string;
  durationSeconds: number;
  machine: MachineFacts;
  verdicts: Verdict[];
  figures: F;
  notes: string[];
};

/** Nearest-rank percentile of the values (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export const round = (value: number, digits = 1) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);

/** Timings in ms: p50, p95, extremes and mean, rounded to 0.01 ms. */
export type Distribution = { p50: number; p95: number; max: number; min: number; mean: number };

/** The distribution of the finite values (a NaN or Infinity stands for no measurement). */
export function distribution(values: number[]): Distribution {
  const finite = values.filter(Number.isFinite);
  return {
    p50: round(percentile(finite, 50), 2),
    p95: round(percentile(finite, 95), 2),
    max: round(Math.max(...finite), 2),
    min: round(Math.min(...finite), 2),
    mean: round(finite.reduce((a, b) => a + b, 0) / finite.length, 2),
  };
}

/** A table row of a distribution: label, p50, p95, max and (unless left out) mean, in ms. */
export const distributionRow = (label: string, d: Distribution, withMean = true) => [label, `${d.p50} ms`, `${d.p95} ms`, `${d.max} ms`, ...(withMean ? [`${d.mean} ms`] : [])];

/** A plain text table: first row is the header; columns are padded; numbers right-aligned. */
export function textTable(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = cells[0].map((_, i) => cells.slice(1).every((r) => /^[-+]?[\d.,]+( ?[a-z%×]+)?$/i.test(r[i] ?? '') || (r[i] ?? '') === ''));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A Markdown table: first row is the header. */
export function markdownTable(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => String(c).replace(/\|/g, '\\|')));
  return [`| ${cells[0].join(' | ')} |`, `|${cells[0].map(() => '---').join('|')}|`, ...cells.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export const verdictWord = (met: boolean) => (met ? 'PASS' : 'MISS');

export function verdictLines(verdicts: Verdict[]): string {
  return verdicts.map((v) => `${verdictWord(v.met)}  target: ${v.target}  (measured: ${v.measured})`).join('\n');
}

/** The docs' closing lines: one paragraph a target, with whether it was met and what was measured. */
export function markdownTargets(verdicts: Verdict[]): string[] {
  return verdicts.flatMap((v, i) => [...(i ? [''] : []), `**Target:** ${v.target} — **${verdictWord(v.met)}** (${v.measured}).`]);
}

export function machineLine(m: MachineFacts): string {
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, Linux ${m.kernel}; 1-min load average at the start: ${m.loadAverage1m}`;
}
