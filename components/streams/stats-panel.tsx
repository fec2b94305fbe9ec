'use client';
// A container's live stats: CPU %, memory used/limit, network and block I/O rates, as charts and
// as a table of current values. Stats are streamed only while this panel is shown: it watches
// over the streams socket while mounted (again after a reconnect) and stops watching on unmount.
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { formatPercent, formatRate, MeasureTable, rateMeasures, useMeasureWords } from './measure-table.tsx';
import { useStreamsSocket, useStreamSubscription } from './streams-socket.tsx';
import { appendSample, type StatsSample } from '@/lib/models/stats/stats-math.ts';
import { StatsChart } from './stats-chart.tsx';


type Status = { kind: 'connecting' } | { kind: 'live' } | { kind: 'ended'; reason: string };

export function ContainerStatsPanel({ hostId, containerId, running }: { hostId: string; containerId: string; running: boolean }) {
  const t = useTranslations('streams');
  const measureWords = useMeasureWords();
  const streams = useStreamsSocket();
  const [series, setSeries] = useState<StatsSample[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });

  useStreamSubscription(
    streams,
    {
      enabled: running,
      event: 'stats:watch',
      payload: { hostId, containerId },
      idOf: (reply) => reply.watchId,
      stop: (socket, watchId) => socket.emit('stats:unwatch', { watchId }),
      listeners: (mine) => ({
        'stats:sample': (m) => {
          if (!mine(m.watchId)) return;
          setSeries((s) => appendSample(s, m.sample));
          setStatus({ kind: 'live' });
        },
        'stats:end': (m) => mine(m.watchId) && setStatus({ kind: 'ended', reason: m.reason }),
      }),
      refused: (reason) => setStatus({ kind: 'ended', reason }),
    },
    [hostId, containerId],
  );

  const charts = useMemo(() => {
    const times = series.map((s) => Date.parse(s.at) / 1000);
    return {
      times,
      cpu: [{ label: t('stats.cpu'), color: '#2563eb', values: series.map((s) => s.cpuPercent) }],
      memory: [
        { label: t('stats.series.used'), color: '#16a34a', values: series.map((s) => s.memoryUsed) },
      ],
      network: [
        { label: t('stats.series.received'), color: '#0891b2', values: series.map((s) => s.netRxRate) },
        { label: t('stats.series.sent'), color: '#d97706', values: series.map((s) => s.netTxRate) },
      ],
      block: [
        { label: t('stats.series.read'), color: '#7c3aed', values: series.map((s) => s.blockReadRate) },
        { label: t('stats.series.written'), color: '#db2777', values: series.map((s) => s.blockWriteRate) },
      ],
    };
  }, [series, t]);

  if (!running) return <p className="rounded-lg border border-dashed border-border bg-surface p-6 text-center text-muted">{t('stats.notRunning')}</p>;

  const last = series.at(-1) ?? null;
  const memory = last ? t('stats.memoryOf', { used: formatBytes(last.memoryUsed), limit: last.memoryLimit ? formatBytes(last.memoryLimit) : t('stats.noLimit') }) : '—';
  const noSample = t('stats.noSample');
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-sm text-muted">
        {status.kind === 'connecting' ? t('stats.waiting') : status.kind === 'live' ? t('stats.live') : t('stopped', { reason: status.reason })}
      </p>
      <MeasureTable caption={t('stats.current')} valueLabel={t('stats.value')} measures={rateMeasures(measureWords, last, [[t('stats.memoryLimit'), last ? (last.memoryLimit ? formatBytes(last.memoryLimit) : t('stats.noLimitCap')) : null]])} />
      <div className="grid gap-4 lg:grid-cols-2">
        <StatsChart title={t('stats.cpu')} summary={last ? t('stats.cpuSummary', { percent: formatPercent(last.cpuPercent) }) : noSample} times={charts.times} series={charts.cpu} format={(v) => `${v.toFixed(0)} %`} minTop={1} />
        <StatsChart title={t('stats.charts.memory')} summary={memory} times={charts.times} series={charts.memory} format={(v) => formatBytes(v)} />
        <StatsChart title={t('stats.charts.network')} summary={last ? t('stats.networkSummary', { received: formatRate(last.netRxRate), sent: formatRate(last.netTxRate) }) : noSample} times={charts.times} series={charts.network} format={(v) => formatRate(v)} />
        <StatsChart title={t('stats.charts.block')} summary={last ? t('stats.blockSummary', { read: formatRate(last.blockReadRate), written: formatRate(last.blockWriteRate) }) : noSample} times={charts.times} series={charts.block} format={(v) => formatRate(v)} />
      </div>
    </div>
  );
}
