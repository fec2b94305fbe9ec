// The managers' quorum at a glance: one dot per manager (leader, reachable, unreachable) and the
// numbers that matter before changing anything.
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('swarms.quorum');
  const node = useTranslations('swarms.node');
  const status = (m: NodeView) => node(`managerStatus.${m.managerStatus ?? 'unknown'}`);
  const managers = nodes.filter((n) => n.role === 'manager');
  const leader = managers.find((n) => n.managerStatus === 'leader');
  const summary = managers.map((m) => t('summaryItem', { host: m.hostname, status: status(m) })).join(', ');
  const tone = quorum.lost ? 'text-danger' : quorum.faultTolerance === 0 ? 'text-warn' : 'text-ok';
  return (
    <Card title={t('title')}>
      <div className="flex flex-col gap-4">
        <div className="flex items-center gap-3">
          <div className="flex flex-wrap items-center gap-3" role="img" aria-label={t('aria', { count: managers.length, summary })}>
            {managers.map((m) => (
              <span key={m.id} title={t('dotTitle', { host: m.hostname, status: status(m) })} className={cn('size-4 rounded-full', DOT[m.managerStatus ?? 'unknown'])} />
            ))}
          </div>
          <p className={cn('text-sm font-medium', tone)}>
            {quorum.lost ? t('lost') : quorum.electing ? t('electing') : quorum.faultTolerance === 0 ? t('noneMayFail') : t('mayFail', { count: quorum.faultTolerance })}
          </p>
        </div>
        <Facts className="sm:grid-cols-3">
          <Fact term={t('managers')}>{quorum.managers}</Fact>
          <Fact term={t('reachable')}>{quorum.reachable}</Fact>
          <Fact term={t('needed')}>{quorum.quorum}</Fact>
          <Fact term={t('faultTolerance')}>{quorum.faultTolerance}</Fact>
          <Fact term={t('leader')} className="col-span-2">
            {leader ? leader.hostname : <span className="text-danger">{t('none')}</span>}
          </Fact>
        </Facts>
        <p className="text-xs text-muted">
          {t('rule')}
        </p>
      </div>
    </Card>
  );
}
