'use client';
// One pull's (or push's) progress: a bar with its percent, whose credentials it uses, and the
// engine's last status or its error in words. `label` names the bar (by default: the image being
// pulled, or pushed).
import { useTranslations } from 'next-intl';
import type { PullJob } from '@/lib/services/containers/pull-image.ts';

/** An image reference as an example for the pull forms' image field: code, the same in every language. */
export const IMAGE_EXAMPLE = 'registry.example.com/team/app:1.2';

export function PullJobProgress({ job, image, label, push = false }: { job: PullJob | undefined; image: string; label?: string; push?: boolean }) {
  const t = useTranslations('containers.pull');
  const tPush = useTranslations('containers.push');
  const state = job?.progress.state;
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label={label ?? (push ? tPush('pushing', { image: job?.image ?? image }) : t('pulling', { image: job?.image ?? image }))}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job?.progress.percent ?? undefined}
        aria-valuetext={state === 'failed' ? t('failed') : state === 'succeeded' ? t('done') : job?.progress.percent != null ? `${job.progress.percent}%` : t('starting')}
        className="h-2 overflow-hidden rounded-full bg-surface-2"
      >
        <div className={state === 'failed' ? 'h-full bg-danger' : 'h-full bg-accent transition-[width]'} style={{ width: `${state === 'failed' ? 100 : job?.progress.percent ?? 0}%` }} />
      </div>
      {job && <p className="text-xs text-muted">{push ? tPush('withCredentials', { registry: job.registry ?? '' }) : job.registry ? t('withCredentials', { registry: job.registry }) : t('anonymous')}</p>}
      {state === 'failed' ? (
        <p role="alert" className="text-sm text-danger">
          {push ? tPush('pushFailed', { image: job?.image ?? image, error: job?.progress.error ?? '' }) : t('pullFailed', { image: job?.image ?? image, error: job?.progress.error ?? '' })}
        </p>
      ) : (
        <p className="text-xs text-muted" aria-live="polite">
          {state === 'succeeded' ? (push ? tPush('pushedShort', { image: job?.image ?? image }) : t('pulledShort', { image: job?.image ?? image })) : job?.progress.lastStatus || t('startingText')}
        </p>
      )}
    </div>
  );
}
