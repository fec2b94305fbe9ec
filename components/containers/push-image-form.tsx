'use client';
// Push an image from this host to a registry Wharf keeps: the image (its name or id on the host),
// the registry, and the repository and tag it gets there (the image is tagged so first). The job
// is polled like a pull, one bar over the layers' bytes; a refusal says what the registry refused.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { pushImageAction } from '@/lib/actions/containers.ts';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { usePullJob } from '@/lib/queries/use-containers.ts';
import { PullJobProgress } from './pull-job-progress.tsx';

/** Examples in the fields: code, the same in every language. */
const EXAMPLES = { source: 'busybox:latest', repository: 'team/app', tag: '1.0' };

export function PushImageForm({ hostId }: { hostId: string }) {
  const t = useTranslations('containers.push');
  const registries = useQuery({ queryKey: queryKeys.registryList, queryFn: ({ signal }) => fetchJson<RegistryView[]>('/api/registries', signal), retry: 0 });
  const [v, setV] = useState({ source: '', registryId: '', repository: '', tag: 'latest' });
  const [job, setJob] = useState<{ jobId: string; image: string; registry: string } | null>(null);
  const form = useActionForm({ fields: ['source', 'registryId', 'repository', 'tag'], report: 'inline' });
  const { data: progress } = usePullJob(hostId, job?.jobId ?? null);
  const queryClient = useQueryClient();
  const state = progress?.progress.state;
  const choices = registries.data ?? [];
  const registryId = v.registryId || choices[0]?.id || '';

  useEffect(() => {
    if (!job || !progress || state === 'running') return;
    if (state === 'succeeded') toast.success(t('pushed', { image: job.image, registry: job.registry }));
    void queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, 'images') });
    void queryClient.invalidateQueries({ queryKey: queryKeys.resourcesAll('images') });
    void queryClient.invalidateQueries({ queryKey: ['registries', registryId] });
  }, [state, job, progress, hostId, registryId, queryClient, t]);

  const text = (key: keyof typeof v) => ({ value: v[key], onChange: (e: { target: { value: string } }) => setV((s) => ({ ...s, [key]: e.target.value })), error: form.errors[key] });
  const running = !!job && (!progress || state === 'running');
  return (
    <section aria-label={t('section')} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      {registries.isSuccess && !choices.length ? (
        <p className="text-sm text-muted">{t('noRegistries')}</p>
      ) : (
        <Form
          className="grid grid-cols-[2fr_1.5fr_2fr_1fr_auto] items-end gap-3"
          onSubmit={async () => {
            const done = await form.submit(() => pushImageAction({ hostId, ...v, registryId }));
            if (done) setJob({ jobId: done.data.jobId, image: done.data.image, registry: choices.find((r) => r.id === registryId)?.name ?? '' });
          }}
        >
          <TextField label={t('source')} placeholder={EXAMPLES.source} autoComplete="off" {...text('source')} />
          <SelectField label={t('registry')} {...text('registryId')} value={registryId}>
            {choices.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <TextField label={t('repository')} placeholder={EXAMPLES.repository} autoComplete="off" {...text('repository')} />
          <TextField label={t('tag')} placeholder={EXAMPLES.tag} autoComplete="off" {...text('tag')} />
          <Button type="submit" busy={form.busy || running} disabled={!v.source.trim() || !v.repository.trim() || !registryId}>
            {t('submit')}
          </Button>
        </Form>
      )}
      {form.message && <p role="alert" className="text-sm text-danger">{form.message}</p>}
      {job && <PullJobProgress job={progress} image={job.image} push />}
    </section>
  );
}
