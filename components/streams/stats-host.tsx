'use client';
// A host's live totals (CPU, memory, network and block I/O over its running containers) and the
// top containers by CPU and by memory. The server reads a round every few seconds only while
// someone watches; this view watches while mounted.
import Link from 'next/link';
import { useState } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { HostContainerRow, HostStatsSnapshot } from '@/lib/models/stats/stats-math.ts';
import { formatPercent, MeasureTable, rateMeasures } from './measure-table.tsx';
import { useStreamsSocket, useStreamSubscription } from './streams-socket.tsx';

export function HostStatsView({ hostId, hostName }: { hostId: string; hostName: string }) {
  const streams = useStreamsSocket();
  const [snapshot, setSnapshot] = useState<HostStatsSnapshot | null>(null);
  const [ended, setEnded] = useState<string | null>(null);

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
        {ended ? `Stopped: ${ended}` : snapshot ? `Live: ${snapshot.running} running container${snapshot.running === 1 ? '' : 's'} on ${hostName}, read every few seconds.${snapshot.unread ? ` ${snapshot.unread} could not be read this round.` : ''}` : `Reading the running containers of ${hostName}…`}
      </p>
      <MeasureTable caption={`Totals on ${hostName}`} valueLabel="Total" measures={[['Running containers', snapshot ? snapshot.running : null], ...rateMeasures(snapshot?.totals ?? null)]} />
      <div className="grid gap-4 lg:grid-cols-2">
        <TopTable caption="Top containers by CPU" rows={snapshot?.topByCpu ?? []} hostId={hostId} />
        <TopTable caption="Top containers by memory" rows={snapshot?.topByMemory ?? []} hostId={hostId} />
      </div>
    </div>
  );
}

function TopTable({ caption, rows, hostId }: { caption: string; rows: HostContainerRow[]; hostId: string }) {
  return (
    <section>
      <h2 className="mb-2 text-sm font-medium">{caption}</h2>
      <Table caption={caption} columns={[{ label: 'Container' }, { label: 'CPU' }, { label: 'Memory' }]}>
        {rows.length === 0 ? (
          <Tr>
            <Td colSpan={3} className="text-center text-muted">
              Nothing running.
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
                {formatBytes(r.memoryUsed)}
                {r.memoryLimit ? ` of ${formatBytes(r.memoryLimit)}` : ''}
              </Td>
            </Tr>
          ))
        )}
      </Table>
    </section>
  );
}
