'use client';
// The dashboard's usage: CPU and memory in use over the last hour, summed over the hosts the
// reader may see (swarm nodes are hosts), one chart each, read again every sampling interval.
import { useTranslations } from 'next-intl';
import { formatBytes } from '@/components/hosts/format.ts';
import { formatPercent } from '@/components/streams/measure-table.tsx';
import { StatsChart } from '@/components/streams/stats-chart.tsx';
import { Card } from '@/components/ui/card.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { useOverviewHistory } from '@/lib/queries/use-history.ts';

export function UsageHistory() {
  const t = useTranslations('streams');
  const query = useOverviewHistory();
  return (
    <Card title={t('history.dashboard.title')} actions={<TextLink href="/hosts">{t('history.dashboard.hostsLink')}</TextLink>} className="mt-6">
      <QueryState query={query} waiting={t('history.waiting')} what={t('history.what')}>
        {({ series, hosts }) =>
          series.times.length === 0 ? (
            <div className="text-sm text-muted">
              <p className="font-medium text-fg">{t('history.dashboard.emptyTitle')}</p>
              <p>{t.rich('history.dashboard.emptyText', { hosts: (chunks) => <TextLink href="/hosts">{chunks}</TextLink> })}</p>
            </div>
          ) : (
            <>
              <p className="mb-3 text-sm text-muted">{t('history.dashboard.description', { count: hosts })}</p>
              <div className="grid gap-3 lg:grid-cols-2">
                <StatsChart title={t('history.dashboard.cpu')} summary={t('stats.cpuSummary', { percent: formatPercent(series.cpuPercent.at(-1) ?? null) })} times={series.times} series={[{ label: t('stats.cpu'), values: series.cpuPercent, color: '#2563eb' }]} format={(v) => `${v.toFixed(0)} %`} minTop={1} />
                <StatsChart title={t('history.dashboard.memory')} summary={formatBytes(series.memoryUsed.at(-1) ?? 0)} times={series.times} series={[{ label: t('stats.series.used'), values: series.memoryUsed, color: '#16a34a' }]} format={(v) => formatBytes(v)} />
              </div>
            </>
          )
        }
      </QueryState>
    </Card>
  );
}
