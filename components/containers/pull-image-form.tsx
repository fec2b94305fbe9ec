'use client';
// Pull an image onto a host: the action starts the pull, the job is polled for the progress the
// engine streams, shown as a progress bar; the outcome (or the engine's error) is said in words.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { pullImageAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { usePullJob } from '@/lib/queries/use-containers.ts';

export function PullImageForm({ hostId, hostName }: { hostId: string; hostName: string }) {
  const [image, setImage] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const form = useActionForm({ fields: ['image'], report: 'inline' });
  const { data: job } = usePullJob(hostId, jobId);
  const queryClient = useQueryClient();
  const state = job?.progress.state;

  useEffect(() => {
    if (!job || state === 'running') return;
    if (state === 'succeeded') toast.success(`Pulled ${job.image} on ${hostName}.`);
    void queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, 'images') });
  }, [state, job, hostId, hostName, queryClient]);

  const running = !!jobId && (!job || state === 'running');
  return (
    <section aria-label="Pull an image" className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <Form
        className="flex items-end gap-3"
        onSubmit={async () => {
          const done = await form.submit(() => pullImageAction({ hostId, image }));
          if (done) setJobId(done.data.jobId);
        }}
      >
        <TextField label="Image to pull" className="flex-1" placeholder="registry.example.com/team/app:1.2" value={image} onChange={(e) => setImage(e.target.value)} error={form.errors.image} autoComplete="off" />
        <Button type="submit" busy={form.busy || running} disabled={image.trim() === ''}>
          Pull
        </Button>
      </Form>
      {form.message && !form.errors.image && <p role="alert" className="text-sm text-danger">{form.message}</p>}
      {jobId && (
        <div className="flex flex-col gap-1">
          <div
            role="progressbar"
            aria-label={`Pulling ${job?.image ?? image}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={job?.progress.percent ?? undefined}
            aria-valuetext={state === 'failed' ? 'failed' : state === 'succeeded' ? 'done' : job?.progress.percent != null ? `${job.progress.percent}%` : 'starting'}
            className="h-2 overflow-hidden rounded-full bg-surface-2"
          >
            <div className={state === 'failed' ? 'h-full bg-danger' : 'h-full bg-accent transition-[width]'} style={{ width: `${state === 'failed' ? 100 : job?.progress.percent ?? 0}%` }} />
          </div>
          {state === 'failed' ? (
            <p role="alert" className="text-sm text-danger">
              The pull of {job?.image} failed. {job?.progress.error}
            </p>
          ) : (
            <p className="text-xs text-muted" aria-live="polite">
              {state === 'succeeded' ? `Pulled ${job?.image}.` : job?.progress.lastStatus ?? 'Starting…'}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
