// A project's state and who made it, as badges.
import { Badge } from '@/components/ui/badge.tsx';
import { originLabel, type ProjectOrigin, type ProjectState } from '@/lib/models/compose-projects/project-status.ts';

const TONE = { running: 'ok', 'partly running': 'warn', stopped: 'neutral', 'not up': 'neutral' } as const;

export const ProjectStateBadge = ({ state }: { state: ProjectState }) => <Badge tone={TONE[state]}>{state}</Badge>;
export const OriginBadge = ({ origin }: { origin: ProjectOrigin }) => <Badge tone={origin === 'wharf' ? 'accent' : 'neutral'}>{originLabel[origin]}</Badge>;
