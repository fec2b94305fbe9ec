'use client';
// Whether a stack's or a service's tasks run, told apart from how its deploy call went: a badge
// (running, converging, degraded, failed) and the tasks' errors that explain it.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import type { Convergence } from '@/lib/models/stacks/convergence.ts';

const TONE = { running: 'ok', converging: 'warn', degraded: 'warn', failed: 'danger' } as const;

export function ConvergenceBadge({ convergence }: { convergence: Convergence }) {
  const t = useTranslations('stacks.convergence');
  return (
    <span title={t(`meaning.${convergence.state}`)}>
      <Badge tone={TONE[convergence.state]}>
        <span className="sr-only">{t('statePrefix')}</span>
        {t(`state.${convergence.state}`)}
      </Badge>
    </span>
  );
}

/** The badge with the tasks' errors under it (`max` of them), each naming its service when asked. */
export function ConvergenceCell({ convergence, max = 1, withService = false }: { convergence: Convergence; max?: number; withService?: boolean }) {
  const t = useTranslations('stacks.convergence');
  const shown = convergence.errors.slice(0, max);
  return (
    <div className="flex flex-col items-start gap-1">
      <ConvergenceBadge convergence={convergence} />
      {shown.map((e) => (
        <span key={`${e.service}:${e.error}`} className="max-w-72 text-xs break-words text-danger">
          {withService ? t('serviceError', { service: e.service, error: e.error }) : e.error}
        </span>
      ))}
    </div>
  );
}
