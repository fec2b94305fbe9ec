// Small labels for a node's role, availability, status and manager status.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';

export function RoleBadge({ role }: { role: NodeView['role'] }) {
  const t = useTranslations('swarms.node');
  return <Badge tone={role === 'manager' ? 'accent' : 'neutral'}>{t(`role.${role}`)}</Badge>;
}

export function AvailabilityBadge({ availability }: { availability: NodeView['availability'] }) {
  const t = useTranslations('swarms.node');
  return <Badge tone={availability === 'active' ? 'ok' : 'warn'}>{t(`availability.${availability}`)}</Badge>;
}

export function StateBadge({ state }: { state: NodeView['state'] }) {
  const t = useTranslations('swarms.node');
  return <Badge tone={state === 'ready' ? 'ok' : state === 'down' || state === 'disconnected' ? 'danger' : 'neutral'}>{t(`state.${state}`)}</Badge>;
}

export function ManagerStatusBadge({ status }: { status: NodeView['managerStatus'] }) {
  const t = useTranslations('swarms.node');
  if (!status) return <span className="text-muted">—</span>;
  return <Badge tone={status === 'leader' ? 'accent' : status === 'reachable' ? 'ok' : status === 'unreachable' ? 'danger' : 'neutral'}>{t(`managerStatus.${status}`)}</Badge>;
}

export function LabelChips({ labels }: { labels: Record<string, string> }) {
  const t = useTranslations('swarms.node');
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-muted">—</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t('labels')}>
      {entries.map(([key, value]) => (
        <li key={key} className="rounded border border-border bg-surface-2 px-1.5 py-0.5 font-mono text-[11px]">
          {key}
          {value !== '' && <span className="text-muted">={value}</span>}
        </li>
      ))}
    </ul>
  );
}
