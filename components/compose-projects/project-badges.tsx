// A project's state and who made it, as badges.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import { originLabel, type ProjectOrigin, type ProjectState } from '@/lib/models/compose-projects/project-status.ts';

const TONE = { running: 'ok', 'partly running': 'warn', stopped: 'neutral', 'not up': 'neutral' } as const;
/** Catalogue keys of the states (keys have no spaces). */
const STATE_KEY = { running: 'running', 'partly running': 'partlyRunning', stopped: 'stopped', 'not up': 'notUp' } as const;

export function ProjectStateBadge({ state }: { state: ProjectState }) {
  const t = useTranslations('compose.state');
  return <Badge tone={TONE[state]}>{t(STATE_KEY[state])}</Badge>;
}

/** Product names (Wharf, the Compose CLI), the same in every language. */
export const OriginBadge = ({ origin }: { origin: ProjectOrigin }) => <Badge tone={origin === 'wharf' ? 'accent' : 'neutral'}>{originLabel[origin]}</Badge>;
