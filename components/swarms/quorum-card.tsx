// The managers' quorum at a glance: one dot per manager (leader, reachable, unreachable) and the
// numbers that matter before changing anything.
import { Card } from '@/components/ui/card.tsx';
import type { QuorumState } from '@/lib/models/swarms/quorum.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { cn } from '@/lib/ui/cn.ts';
import { Fact, Facts } from '@/components/ui/facts.tsx';

const DOT = {
  leader: 'bg-accent ring-2 ring-accent/40 ring-offset-2 ring-offset-surface',
  reachable: 'bg-ok',
  unreachable: 'bg-danger',
  unknown: 'bg-muted/50',
} as const;

export function QuorumCard({ quorum, nodes }: { quorum: QuorumState; nodes: NodeView[] }) {
  const managers = nodes.filter((n) => n.role === 'manager');
  const leader = managers.find((n) => n.managerStatus === 'leader');
  const summary = managers.map((m) => `${m.hostname} ${m.managerStatus ?? 'unknown'}`).join(', ');
  const tone = quorum.lost ? 'text-danger' : quorum.faultTolerance === 0 ? 'text-warn' : 'text-ok';
  return (
    <Card title="Quorum">
      <div className="flex flex-col gap-4">
        <div className="flex items-center gap-3">
          <div className="flex flex-wrap items-center gap-3" role="img" aria-label={`${managers.length} managers: ${summary}`}>
            {managers.map((m) => (
              <span key={m.id} title={`${m.hostname}: ${m.managerStatus ?? 'unknown'}`} className={cn('size-4 rounded-full', DOT[m.managerStatus ?? 'unknown'])} />
            ))}
          </div>
          <p className={cn('text-sm font-medium', tone)}>
            {quorum.lost
              ? 'Quorum lost'
              : quorum.electing
                ? 'Electing a leader'
                : quorum.faultTolerance === 0
                  ? 'No manager may fail'
                  : `${quorum.faultTolerance} manager${quorum.faultTolerance === 1 ? '' : 's'} may fail`}
          </p>
        </div>
        <Facts className="sm:grid-cols-3">
          <Fact term="Managers">{quorum.managers}</Fact>
          <Fact term="Reachable">{quorum.reachable}</Fact>
          <Fact term="Quorum needed">{quorum.quorum}</Fact>
          <Fact term="Fault tolerance">{quorum.faultTolerance}</Fact>
          <Fact term="Leader" className="col-span-2">
            {leader ? leader.hostname : <span className="text-danger">none</span>}
          </Fact>
        </Facts>
        <p className="text-xs text-muted">
          A swarm with n managers needs ⌊n/2⌋+1 of them to agree on any change and tolerates ⌊(n−1)/2⌋ failures: use 3 or 5 managers, never an even number.
        </p>
      </div>
    </Card>
  );
}
