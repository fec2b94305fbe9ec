'use client';
// A kept project's Pull and Recreate, each behind a confirmation: Pull starts a pull job per image
// and lists their progress (the containers pages' progress bar); Recreate recreates all services'
// containers or one service's, optionally pulling first: the pulls' progress in the dialog, then
// the recreate once every pull succeeded.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { PullJobProgress } from '@/components/containers/pull-job-progress.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { CheckboxField, SelectField } from '@/components/ui/field.tsx';
import { pullProjectAction, recreateProjectAction } from '@/lib/actions/compose-projects.ts';
import type { ProjectDetail } from '@/lib/models/compose-projects/project-status.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { untilPullEnded, usePullJob } from '@/lib/queries/use-containers.ts';

type Started = { jobId: string; image: string };
const ALL = '';

function ImagePull({ hostId, name, started }: { hostId: string; name: string; started: Started }) {
  const t = useTranslations('compose.detail.pull');
  const { data: job } = usePullJob(hostId, started.jobId);
  return (
    <li>
      <PullJobProgress job={job} image={started.image} label={t('of', { image: started.image, name })} />
    </li>
  );
}

/** The pulls started from this page, each with its progress. */
export function ProjectPulls({ hostId, name, pulls }: { hostId: string; name: string; pulls: Started[] }) {
  const t = useTranslations('compose.detail.pull');
  if (pulls.length === 0) return null;
  return (
    <section aria-labelledby="project-pulls" className="flex flex-col gap-2">
      <h2 id="project-pulls" className="font-semibold">
        {t('heading')}
      </h2>
      <ul className="flex max-w-xl flex-col gap-3">
        {pulls.map((p) => (
          <ImagePull key={p.jobId} hostId={hostId} name={name} started={p} />
        ))}
      </ul>
    </section>
  );
}

export function PullButton({ project, hostId, disabled, onStarted }: { project: ProjectDetail; hostId: string; disabled: boolean; onStarted: (pulls: Started[]) => void }) {
  const t = useTranslations('compose.detail');
  const [open, setOpen] = useState(false);
  const images = project.services.length;
  return (
    <>
      <Button variant="secondary" disabled={disabled} onClick={() => setOpen(true)}>
        {t('commands.pull')}
      </Button>
      {open && (
        <ConfirmDialog
          open
          onOpenChange={setOpen}
          title={t('pull.title', { name: project.name })}
          description={t('pull.description', { count: images })}
          confirmLabel={t('pull.confirm')}
          busyNote={t('pull.busy')}
          onConfirm={async () => {
            const result = await pullProjectAction({ hostId, name: project.name });
            if (!result.ok) return result.error.message;
            onStarted(result.data.jobs.map((j) => ({ jobId: j.jobId, image: j.image })));
            toast.success(t('pull.started', { count: result.data.jobs.length, name: project.name }));
            return null;
          }}
        />
      )}
    </>
  );
}

export function RecreateButton({ project, hostId, disabled }: { project: ProjectDetail; hostId: string; disabled: boolean }) {
  const t = useTranslations('compose.detail');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [service, setService] = useState(ALL);
  const [pull, setPull] = useState(false);
  const [pulls, setPulls] = useState<Started[]>([]);
  return (
    <>
      <Button
        variant="secondary"
        disabled={disabled}
        onClick={() => {
          setPulls([]);
          setOpen(true);
        }}
      >
        {t('commands.recreate')}
      </Button>
      {open && (
        <ConfirmDialog
          open
          onOpenChange={setOpen}
          title={t('recreate.title', { name: project.name })}
          description={t('recreate.description')}
          confirmLabel={t('recreate.confirm')}
          danger
          busyNote={t('recreate.busy')}
          onConfirm={async () => {
            const which = service === ALL ? {} : { service };
            if (pull) {
              // Pull first, each image as a job whose progress shows here; recreate only once all succeeded.
              const started = await pullProjectAction({ hostId, name: project.name, ...which });
              if (!started.ok) return started.error.message;
              const jobs = started.data.jobs.map((j) => ({ jobId: j.jobId, image: j.image }));
              setPulls(jobs);
              const ended = await Promise.all(jobs.map((j) => untilPullEnded(queryClient, hostId, j.jobId))).catch(() => null);
              if (!ended) return t('recreate.pullUnread');
              const failed = ended.find((job) => job.progress.state === 'failed');
              if (failed) return t('recreate.pullFailed', { image: failed.image, error: failed.progress.error ?? '' });
            }
            const result = await recreateProjectAction({ hostId, name: project.name, pull: false, ...which });
            await queryClient.invalidateQueries({ queryKey: queryKeys.project(hostId, project.name) });
            if (!result.ok) return result.error.message;
            toast.success(t('recreate.done', { name: project.name, plan: result.data.plan.join('; ') }));
            return null;
          }}
        >
          <div className="flex flex-col gap-3">
            <SelectField label={t('recreate.service')} value={service} onChange={(e) => setService(e.target.value)}>
              <option value={ALL}>{t('recreate.all')}</option>
              {project.services.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </SelectField>
            <CheckboxField label={t('recreate.pull')} checked={pull} onChange={setPull} />
            {pulls.length > 0 && (
              <ul aria-label={t('recreate.pulls')} className="flex flex-col gap-3">
                {pulls.map((p) => (
                  <ImagePull key={p.jobId} hostId={hostId} name={project.name} started={p} />
                ))}
              </ul>
            )}
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}
