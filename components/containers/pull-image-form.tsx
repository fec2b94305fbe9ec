'use client';
// Pull an image onto a host: the action starts the pull, the job is polled for the progress the
// engine streams, shown as a progress bar; the outcome (or the engine's error) is said in words.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { pullImageAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { usePullJob } from '@/lib/queries/use-containers.ts';
import { IMAGE_EXAMPLE, PullJobProgress } from './pull-job-progress.tsx';

export function PullImageForm({ hostId, hostName }: { hostId: string; hostName: string }) {
  const t = useTranslations('containers.pull');
  const [image, setImage] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const form = useActionForm({ fields: ['image'], report: 'inline' });
  const { data: job } = usePullJob(hostId, jobId);
  const queryClient = useQueryClient();
  const state = job?.progress.state;

  useEffect(() => {
    if (!job || state === 'running') return;
    if (state === 'succeeded') toast.success(t('pulled', { image: job.image, host: hostName }));
    void queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, 'images') });
    void queryClient.invalidateQueries({ queryKey: queryKeys.resourcesAll('images') });
  }, [state, job, hostId, hostName, queryClient, t]);

  const running = !!jobId && (!job || state === 'running');
  return (
    <section aria-label={t('section')} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <Form
        className="flex items-end gap-3"
        onSubmit={async () => {
          const done = await form.submit(() => pullImageAction({ hostId, image }));
          if (done) setJobId(done.data.jobId);
        }}
      >
        <TextField label={t('image')} className="flex-1" placeholder={IMAGE_EXAMPLE} value={image} onChange={(e) => setImage(e.target.value)} error={form.errors.image} autoComplete="off" />
        <Button type="submit" busy={form.busy || running} disabled={image.trim() === ''}>
          {t('submit')}
        </Button>
      </Form>
      {form.message && !form.errors.image && <p role="alert" className="text-sm text-danger">{form.message}</p>}
      {jobId && <PullJobProgress job={job} image={image} />}
    </section>
  );
}
