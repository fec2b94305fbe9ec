'use client';
// The History panel of a host, swarm node or swarm service page: CPU, memory, network and disk
// over the last hour (a point per sampling interval) or the last day (a point a minute), as kept
// by the console's sampler. New points append by themselves: the chart is read again every interval.
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { formatPercent, formatRate } from '@/components/streams/measure-table.tsx';
import { StatsChart, type ChartSeries } from '@/components/streams/stats-chart.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import type { HistoryRange, HistorySeries } from '@/lib/models/history/history-math.ts';
import { useHistory, type HistorySubject } from '@/lib/queries/use-history.ts';

const RANGES: readonly HistoryRange[] = ['hour', 'day'];
const COLORS = { cpu: '#2563eb', memory: '#16a34a', received: '#0891b2', sent: '#d97706', read: '#7c3aed', written: '#db2777' };

const last = (values: (number | null)[]) => values.at(-1) ?? null;

export function HistoryPanel({ subject }: { subject: HistorySubject }) {
  const t = useTranslations('streams.history');
  const [range, setRange] = useState<HistoryRange>('hour');
  const query = useHistory(subject, range);
  const heading = useId();
  return (
    <section aria-labelledby={heading} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={heading} className="text-lg font-semibold">{t('title')}</h2>
        <fieldset>
          <legend className="sr-only">{t('range')}</legend>
          <div role="radiogroup" aria-label={t('range')} className="flex gap-1 rounded-md border border-border bg-surface p-1 text-sm">
            {RANGES.map((r) => (
              <label key={r} className={`flex cursor-pointer items-center gap-1 rounded px-2 py-1 ${range === r ? 'bg-accent/10 font-medium' : ''}`}>
                <input type="radio" name={`${heading}-range`} value={r} checked={range === r} onChange={() => setRange(r)} />
                {t(`ranges.${r}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <QueryState query={query} waiting={t('waiting')} what={t('what')}>
        {(answer) =>
          answer === null ? (
            <EmptyState title={t('noHostTitle')}>{t('noHostText')}</EmptyState>
          ) : answer.series.times.length === 0 ? (
            <EmptyState title={t('emptyTitle')}>{t(subject.kind === 'service' ? 'emptyServiceText' : 'emptyText')}</EmptyState>
          ) : (
            <>
              <p className="text-sm text-muted">{answer.range === 'hour' ? t('resolution', { seconds: answer.resolutionSeconds }) : t('resolutionAveraged', { seconds: answer.resolutionSeconds, count: answer.resolutionSeconds / answer.intervalSeconds })}</p>
              <HistoryCharts series={answer.series} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function HistoryCharts({ series }: { series: HistorySeries }) {
  const t = useTranslations('streams');
  const charts = useMemo(() => {
    const line = (label: string, values: (number | null)[], color: string): ChartSeries => ({ label, values, color });
    return {
      cpu: [line(t('stats.cpu'), series.cpuPercent, COLORS.cpu)],
      memory: [line(t('stats.series.used'), series.memoryUsed, COLORS.memory)],
      network: [line(t('stats.series.received'), series.netRxRate, COLORS.received), line(t('stats.series.sent'), series.netTxRate, COLORS.sent)],
      disk: [line(t('stats.series.read'), series.blockReadRate, COLORS.read), line(t('stats.series.written'), series.blockWriteRate, COLORS.written)],
    };
  }, [series, t]);
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <StatsChart title={t('stats.cpu')} summary={t('stats.cpuSummary', { percent: formatPercent(last(series.cpuPercent)) })} times={series.times} series={charts.cpu} format={(v) => `${v.toFixed(0)} %`} minTop={1} />
      <StatsChart title={t('stats.charts.memory')} summary={formatBytes(last(series.memoryUsed) ?? 0)} times={series.times} series={charts.memory} format={(v) => formatBytes(v)} />
      <StatsChart title={t('stats.charts.network')} summary={t('stats.networkSummary', { received: formatRate(last(series.netRxRate)), sent: formatRate(last(series.netTxRate)) })} times={series.times} series={charts.network} format={(v) => formatRate(v)} />
      <StatsChart title={t('history.disk')} summary={t('stats.blockSummary', { read: formatRate(last(series.blockReadRate)), written: formatRate(last(series.blockWriteRate)) })} times={series.times} series={charts.disk} format={(v) => formatRate(v)} />
    </div>
  );
}
