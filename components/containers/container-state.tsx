// A container's state and health as badges.
import { Badge } from '@/components/ui/badge.tsx';
import type { Health } from '@/lib/models/containers/container-views.ts';

const TONES: Record<string, 'ok' | 'warn' | 'danger' | 'neutral' | 'accent'> = { running: 'ok', paused: 'warn', restarting: 'warn', created: 'accent', exited: 'neutral', dead: 'danger', removing: 'warn' };

export function StateBadge({ state, status }: { state: string; status?: string }) {
  return (
    <span title={status} className="inline-flex">
      <Badge tone={TONES[state] ?? 'neutral'}>{state}</Badge>
    </span>
  );
}

export function HealthBadge({ health }: { health: Health | string | null }) {
  if (!health) return null;
  return <Badge tone={health === 'healthy' ? 'ok' : health === 'unhealthy' ? 'danger' : 'warn'}>{health}</Badge>;
}
