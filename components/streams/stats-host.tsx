'use client';
// A host's live totals (CPU, memory, network and block I/O over its running containers) and the
// top containers by CPU and by memory. The server reads a round every few seconds only while
// someone watches; this view watches while mounted.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { HostContainerRow, HostStatsSnapshot } from '@/lib/models/stats/stats-math.ts';
import { formatPercent, MeasureTable, rateMeasures, useMeasureWords } from './measure-table.tsx';
import { useStreamsSocket, useStreamSubscription } from './streams-socket.tsx';

export function HostStatsView({ hostId, hostName }: { hostId: string; hostName: string }) {
  const t = useTranslations('streams');
  const streams = useStreamsSocket();
  const [snapshot, setSnapshot] = useState<HostStatsSnapshot | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const measureWords = useMeasureWords();

  useStreamSubscription(
    streams,
    {
      event: 'stats:host-watch',
      payload: { hostId },
      idOf: (reply) => reply.watchId,
      stop: (socket, watchId) => socket.emit('stats:unwatch', { watchId }),
      listeners: (mine) => ({
        'stats:host': (m) => mine(m.watchId) && setSnapshot(m.snapshot),
        'stats:end': (m) => mine(m.watchId) && setEnded(m.reason),
      }),
      opened: () => setEnded(null),
      refused: setEnded,
    },
    [hostId],
  );

  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-sm text-muted">
        {ended
          ? t('stopped', { reason: ended })
          : snapshot
            ? snapshot.unread
              ? t('stats.hostLiveUnread', { count: snapshot.running, host: hostName, unread: snapshot.unread })
              : t('stats.hostLive', { count: snapshot.running, host: hostName })
            : t('stats.hostReading', { host: hostName })}
      </p>
      <MeasureTable caption={t('stats.totals', { host: hostName })} valueLabel={t('stats.total')} measures={[[t('stats.running'), snapshot ? snapshot.running : null], ...rateMeasures(measureWords, snapshot?.totals ?? null)]} />
      <div className="grid gap-4 lg:grid-cols-2">
        <TopTable caption={t('stats.topCpu')} rows={snapshot?.topByCpu ?? []} hostId={hostId} />
        <TopTable caption={t('stats.topMemory')} rows={snapshot?.topByMemory ?? []} hostId={hostId} />
      </div>
    </div>
  );
}

function TopTable({ caption, rows, hostId }: { caption: string; rows: HostContainerRow[]; hostId: string }) {
  const t = useTranslations('streams.stats');
  return (
    <section>
      <h2 className="mb-2 text-sm font-medium">{caption}</h2>
      <Table caption={caption} columns={[{ label: t('container') }, { label: t('cpu') }, { label: t('memory') }]}>
        {rows.length === 0 ? (
          <Tr>
            <Td colSpan={3} className="text-center text-muted">
              {t('nothingRunning')}
            </Td>
          </Tr>
        ) : (
          rows.map((r) => (
            <Tr key={r.id}>
              <RowHeader>
                <Link href={`/containers/${hostId}/${r.id}`} className="hover:underline">
                  {r.name}
                </Link>
              </RowHeader>
              <Td>{formatPercent(r.cpuPercent)}</Td>
              <Td>
                {r.memoryLimit ? t('memoryOf', { used: formatBytes(r.memoryUsed), limit: formatBytes(r.memoryLimit) }) : formatBytes(r.memoryUsed)}
              </Td>
            </Tr>
          ))
        )}
      </Table>
    </section>
  );
}
