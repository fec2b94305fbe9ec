'use client';
// One live time-series chart (uPlot on a canvas). The canvas is an image to assistive technology:
// it carries a label and a text summary of the latest values; the exact figures are in the
// stats table next to the charts.
import { useEffect, useEffectEvent, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartSeries = { label: string; values: (number | null)[]; color: string };

type Props = {
  title: string;
  /** The latest values in words, e.g. "97.3 % of one core". */
  summary: string;
  /** Sample times, in seconds since the epoch. */
  times: number[];
  series: ChartSeries[];
  format: (value: number) => string;
  /** The lowest top of the y axis (e.g. 100 for CPU %). */
  minTop?: number;
};

export function StatsChart({ title, summary, times, series, format, minTop }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = series.map((s) => `${s.label}:${s.color}`).join('|');
  // Axis labels follow the latest formatter without rebuilding the chart.
  const formatTick = useEffectEvent((value: number) => format(value));

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 160,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(minTop ?? 0, max * 1.1 || 1)] } },
      axes: [
        { stroke: 'currentColor', grid: { stroke: 'rgba(127,127,127,0.2)' } },
        { stroke: 'currentColor', grid: { stroke: 'rgba(127,127,127,0.2)' }, size: 70, values: (_u, ticks) => ticks.map((t) => formatTick(t)) },
      ],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, fill: `${s.color}22` }))],
    };
    const u = new uPlot(opts, [[], ...series.map(() => [])] as unknown as uPlot.AlignedData, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: 160 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when the series themselves change; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, minTop]);

  useEffect(() => {
    plot.current?.setData([times, ...series.map((s) => s.values)] as unknown as uPlot.AlignedData);
  }, [times, series]);

  return (
    <figure className="rounded-lg border border-border bg-surface p-3">
      <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-muted" aria-hidden>
          {summary}
        </span>
      </figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${summary}`} className="w-full text-muted" />
      <ul className="mt-1 flex gap-4 text-xs text-muted" aria-hidden>
        {series.map((s) => (
          <li key={s.label} className="flex items-center gap-1">
            <span className="inline-block size-2 rounded-full" style={{ background: s.color }} /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
