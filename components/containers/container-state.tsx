// A container's state and health as badges, in the page's language (an unknown state as the engine says it).
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import type { Health } from '@/lib/models/containers/container-views.ts';

const TONES = { running: 'ok', paused: 'warn', restarting: 'warn', created: 'accent', exited: 'neutral', dead: 'danger', removing: 'warn' } as const;
type KnownState = keyof typeof TONES;
const HEALTH = ['healthy', 'unhealthy', 'starting', 'none'] as const;
type KnownHealth = (typeof HEALTH)[number];

export const isKnownState = (state: string): state is KnownState => Object.hasOwn(TONES, state);
export const isKnownHealth = (health: string): health is KnownHealth => (HEALTH as readonly string[]).includes(health);

export function StateBadge({ state, status }: { state: string; status?: string }) {
  const t = useTranslations('containers');
  return (
    <span title={status} className="inline-flex">
      <Badge tone={isKnownState(state) ? TONES[state] : 'neutral'}>{isKnownState(state) ? t(`state.${state}`) : state}</Badge>
    </span>
  );
}

export function HealthBadge({ health }: { health: Health | string | null }) {
  const t = useTranslations('containers');
  if (!health) return null;
  return <Badge tone={health === 'healthy' ? 'ok' : health === 'unhealthy' ? 'danger' : 'warn'}>{isKnownHealth(health) ? t(`state.${health}`) : health}</Badge>;
}
