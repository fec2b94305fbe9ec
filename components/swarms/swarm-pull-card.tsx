'use client';
// Pull an image onto every node of the swarm: one progress bar per node's host (with the
// registry's credentials when Wharf keeps them and the user may pull from it), and what could not
// be pulled on: nodes that are down, not registered as hosts, or not the user's to change.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { IMAGE_EXAMPLE, PullJobProgress } from '@/components/containers/pull-job-progress.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { pullOnSwarmAction } from '@/lib/actions/containers.ts';
import { usePullJob } from '@/lib/queries/use-containers.ts';

type Started = { jobId: string; hostId: string; hostName: string; image: string };
type Pull = { jobs: Started[]; down: string[]; unregistered: string[]; refused: string[] };

function HostPull({ started }: { started: Started }) {
  const t = useTranslations('swarms.pull');
  const { data: job } = usePullJob(started.hostId, started.jobId);
  return (
    <li className="flex flex-col gap-1">
      <span className="text-sm font-medium">{started.hostName}</span>
      <PullJobProgress job={job} image={started.image} label={t('onHost', { image: started.image, host: started.hostName })} />
    </li>
  );
}

export function SwarmPullCard({ swarmId }: { swarmId: string }) {
  const t = useTranslations('swarms.pull');
  const [image, setImage] = useState('');
  const [pull, setPull] = useState<Pull | null>(null);
  const form = useActionForm({ fields: ['image'], report: 'inline' });
  return (
    <Card title={t('title')}>
      <div className="flex flex-col gap-4 p-4">
        <p className="text-sm text-muted">{t('description')}</p>
        <Form
          className="flex items-end gap-3"
          onSubmit={async () => {
            const done = await form.submit(() => pullOnSwarmAction({ swarmId, image }));
            if (done) setPull(done.data);
          }}
        >
          <TextField label={t('image')} className="flex-1" placeholder={IMAGE_EXAMPLE} value={image} onChange={(e) => setImage(e.target.value)} error={form.errors.image} autoComplete="off" />
          <Button type="submit" busy={form.busy} disabled={image.trim() === ''}>
            {t('submit')}
          </Button>
        </Form>
        {form.message && !form.errors.image && <p role="alert" className="text-sm text-danger">{form.message}</p>}
        {pull && (
          <>
            {pull.jobs.length > 0 ? (
              <ul aria-label={t('progress')} className="flex flex-col gap-3">
                {pull.jobs.map((started) => (
                  <HostPull key={started.jobId} started={started} />
                ))}
              </ul>
            ) : (
              <p role="status" className="text-sm text-warn">{t('none')}</p>
            )}
            {pull.down.length > 0 && <p className="text-xs text-muted">{t('down', { hosts: pull.down.join(', ') })}</p>}
            {pull.unregistered.length > 0 && <p className="text-xs text-muted">{t('unregistered', { hosts: pull.unregistered.join(', ') })}</p>}
            {pull.refused.length > 0 && <p className="text-xs text-muted">{t('refused', { hosts: pull.refused.join(', ') })}</p>}
          </>
        )}
      </div>
    </Card>
  );
}
