'use client';
// A container's live stats: CPU %, memory used/limit, network and block I/O rates, as charts and
// as a table of current values. Stats are streamed only while this panel is shown: it watches
// over the streams socket while mounted (again after a reconnect) and stops watching on unmount.
import { useMemo, useState } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { formatPercent, formatRate, MeasureTable, rateMeasures } from './measure-table.tsx';
import { useStreamsSocket, useStreamSubscription } from './streams-socket.tsx';
import { appendSample, type StatsSample } from '@/lib/models/stats/stats-math.ts';
import { StatsChart } from './stats-chart.tsx';


type Status = { kind: 'connecting' } | { kind: 'live' } | { kind: 'ended'; reason: string };

export function ContainerStatsPanel({ hostId, containerId, running }: { hostId: string; containerId: string; running: boolean }) {
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
      cpu: [{ label: 'CPU', color: '#2563eb', values: series.map((s) => s.cpuPercent) }],
      memory: [
        { label: 'Used', color: '#16a34a', values: series.map((s) => s.memoryUsed) },
      ],
      network: [
        { label: 'Received', color: '#0891b2', values: series.map((s) => s.netRxRate) },
        { label: 'Sent', color: '#d97706', values: series.map((s) => s.netTxRate) },
      ],
      block: [
        { label: 'Read', color: '#7c3aed', values: series.map((s) => s.blockReadRate) },
        { label: 'Written', color: '#db2777', values: series.map((s) => s.blockWriteRate) },
      ],
    };
  }, [series]);

  if (!running) return <p className="rounded-lg border border-dashed border-border bg-surface p-6 text-center text-muted">The container is not running: no stats.</p>;

  const last = series.at(-1) ?? null;
  const memory = last ? `${formatBytes(last.memoryUsed)} of ${last.memoryLimit ? formatBytes(last.memoryLimit) : 'no limit'}` : '—';
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-sm text-muted">
        {status.kind === 'connecting' ? 'Waiting for the first sample…' : status.kind === 'live' ? 'Live: one sample a second while this tab is open.' : `Stopped: ${status.reason}`}
      </p>
      <MeasureTable caption="Current stats" valueLabel="Value" measures={rateMeasures(last, [['Memory limit', last ? (last.memoryLimit ? formatBytes(last.memoryLimit) : 'No limit') : null]])} />
      <div className="grid gap-4 lg:grid-cols-2">
        <StatsChart title="CPU" summary={last ? `${formatPercent(last.cpuPercent)} (100 % is one core)` : 'no sample yet'} times={charts.times} series={charts.cpu} format={(v) => `${v.toFixed(0)} %`} minTop={1} />
        <StatsChart title="Memory" summary={memory} times={charts.times} series={charts.memory} format={(v) => formatBytes(v)} />
        <StatsChart title="Network" summary={last ? `received ${formatRate(last.netRxRate)}, sent ${formatRate(last.netTxRate)}` : 'no sample yet'} times={charts.times} series={charts.network} format={(v) => formatRate(v)} />
        <StatsChart title="Block I/O" summary={last ? `read ${formatRate(last.blockReadRate)}, written ${formatRate(last.blockWriteRate)}` : 'no sample yet'} times={charts.times} series={charts.block} format={(v) => formatRate(v)} />
      </div>
    </div>
  );
}
