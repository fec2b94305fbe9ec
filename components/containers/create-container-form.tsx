'use client';
// Create and run a container: every field labelled, the action's field errors shown at their
// fields, and the input kept when the server refuses. An image the host does not have is pulled
// first (with the registry's credentials when the user may pull there), its progress shown here,
// and the container is created once the pull succeeds.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText, FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createContainerAction, pullImageAction } from '@/lib/actions/containers.ts';
import { OwnerTeamField, type OwnerTeam } from '@/components/access/owner-team-field.tsx';
import { usePullJob } from '@/lib/queries/use-containers.ts';
import { PullJobProgress } from './pull-job-progress.tsx';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { Choice } from '@/components/layout/sections.ts';
import type { ContainerCopy } from '@/lib/services/containers/read-container-copy.ts';

/** Examples in the fields: code, the same in every language. */
const EXAMPLES = {
  image: 'nginx:1.27',
  name: 'web-1',
  command: 'sh -c "echo hello; sleep 3600"',
  ports: ['8080:80', '127.0.0.1:5353:53/udp'].join('\n'),
  env: 'LOG_LEVEL=info',
  volumes: ['data:/var/lib/data', 'cache:/cache:ro'].join('\n'),
};

const FIELDS = ['hostId', 'image', 'name', 'command', 'ports', 'env', 'volumes', 'restart', 'cpus', 'memoryMb', 'network', 'privileged', 'teamId'] as const;

export function CreateContainerForm({
  hosts,
  initialHostId,
  unrestrictedHosts,
  ownerTeams = [],
  copy = null,
}: {
  hosts: Choice[];
  initialHostId: string;
  unrestrictedHosts: string[];
  /** the user's teams: the container is made for one of them */
  ownerTeams?: OwnerTeam[];
  /** Duplicating: the container's configuration to start from, and its labels (carried over as they are). */
  copy?: ContainerCopy | null;
}) {
  const [teamId, setTeamId] = useState(ownerTeams[0]?.id ?? '');
  const t = useTranslations('containers.create');
  const [v, setV] = useState({ hostId: initialHostId, image: '', name: '', command: '', ports: '', env: '', volumes: '', restart: 'no', cpus: '', memoryMb: '', network: '', privileged: false, start: true, ...copy?.values });
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const router = useRouter();
  const queryClient = useQueryClient();
  const text = (key: keyof typeof v) => ({ value: String(v[key]), onChange: (e: { target: { value: string } }) => setV((s) => ({ ...s, [key]: e.target.value })), error: form.errors[key] });
  const unrestricted = unrestrictedHosts.includes(v.hostId);
  const [pull, setPull] = useState<{ jobId: string; hostId: string; image: string } | null>(null);
  const { data: job } = usePullJob(pull?.hostId ?? v.hostId, pull?.jobId ?? null);
  const pulled = useRef<string | null>(null);
  const pulling = !!pull && (!job || job.progress.state === 'running');

  const create = async (afterPull: boolean) => {
    let missing = false;
    const done = await form.submit(async () => {
      const result = await createContainerAction({ ...v, privileged: unrestricted && v.privileged, ...(teamId ? { teamId } : {}), ...(copy ? { labels: copy.labels } : {}) });
      missing = !result.ok && result.error.code === 'NOT_FOUND' && !!result.error.fieldErrors?.image && !afterPull;
      return result;
    });
    if (missing) {
      form.reset();
      const started = await form.submit(() => pullImageAction({ hostId: v.hostId, image: v.image }));
      if (started) setPull({ jobId: started.data.jobId, hostId: v.hostId, image: v.image });
      return;
    }
    if (!done) return;
    toast.success(t(done.data.started ? 'createdStarted' : 'created', { name: done.data.name, host: hosts.find((h) => h.id === done.data.hostId)?.name ?? t('theHost') }));
    await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.hostContainers(done.data.hostId) }), queryClient.invalidateQueries({ queryKey: queryKeys.containersAll })]);
    router.push(`/containers/${done.data.hostId}/${done.data.id}`);
  };

  // The pull succeeded: create the container it was for (once per pull).
  useEffect(() => {
    if (!pull || job?.progress.state !== 'succeeded' || pulled.current === pull.jobId) return;
    pulled.current = pull.jobId;
    void create(true);
  });

  return (
    <Form
      className="flex max-w-3xl flex-col gap-4"
      onSubmit={async () => {
        setPull(null);
        pulled.current = null;
        await create(false);
      }}
    >
      {copy && <CopyNotice copy={copy} />}
      <div className="grid grid-cols-2 gap-4">
        <SelectField label={t('host')} {...text('hostId')}>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('image')} required placeholder={EXAMPLES.image} hint={t('imageHint')} autoComplete="off" {...text('image')} />
        <TextField label={t('name')} placeholder={EXAMPLES.name} hint={t('nameHint')} autoComplete="off" {...text('name')} />
        <TextField label={t('command')} placeholder={EXAMPLES.command} hint={t('commandHint')} autoComplete="off" {...text('command')} />
        <OwnerTeamField teams={ownerTeams} value={teamId} onChange={setTeamId} error={form.errors.teamId} />
      </div>
      <div className="grid grid-cols-3 gap-4">
        <TextAreaField label={t('ports')} rows={4} placeholder={EXAMPLES.ports} hint={t('portsHint')} {...text('ports')} />
        <TextAreaField label={t('environment')} rows={4} placeholder={EXAMPLES.env} hint={t('environmentHint')} {...text('env')} />
        <TextAreaField label={t('volumes')} rows={4} placeholder={EXAMPLES.volumes} hint={t('volumesHint')} {...text('volumes')} />
      </div>
      <div className="grid grid-cols-4 gap-4">
        <SelectField label={t('restart')} {...text('restart')}>
          <option value="no">{t('restartNo')}</option>
          <option value="on-failure">{t('restartOnFailure')}</option>
          <option value="unless-stopped">{t('restartUnlessStopped')}</option>
          <option value="always">{t('restartAlways')}</option>
        </SelectField>
        <TextField label={t('cpus')} inputMode="decimal" placeholder={t('noLimit')} {...text('cpus')} />
        <TextField label={t('memory')} inputMode="numeric" placeholder={t('noLimit')} {...text('memoryMb')} />
        <TextField label={t('network')} placeholder={t('networkPlaceholder')} hint={t('networkHint')} autoComplete="off" {...text('network')} />
      </div>
      <div className="flex flex-col gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={v.start} onChange={(e) => setV((s) => ({ ...s, start: e.target.checked }))} />
          {t('start')}
        </label>
        {unrestricted && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={v.privileged} onChange={(e) => setV((s) => ({ ...s, privileged: e.target.checked }))} />
            {t('privileged')}
          </label>
        )}
        <ErrorText error={form.errors.privileged} />
      </div>
      {pull && (
        <div className="flex flex-col gap-2">
          <p className="text-sm">{t('pullingMissing', { image: pull.image, host: hosts.find((h) => h.id === pull.hostId)?.name ?? t('theHost') })}</p>
          <PullJobProgress job={job} image={pull.image} />
        </div>
      )}
      <FormError message={form.message} />
      <div className="flex gap-2">
        <Button type="submit" busy={form.busy || pulling}>
          {t('submit')}
        </Button>
        <Button variant="secondary" onClick={() => router.back()} disabled={form.busy || pulling}>
          {t('cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** What a duplicate starts from: the labels carried over, and what the form could not copy. */
function CopyNotice({ copy }: { copy: ContainerCopy }) {
  const t = useTranslations('containers.create.copy');
  const labels = Object.entries(copy.labels).map(([k, value]) => `${k}=${value}`);
  return (
    <section aria-label={t('label')} className="flex flex-col gap-1 rounded-md border border-border bg-surface-2 px-3 py-2 text-sm">
      <p>{labels.length ? t('labels', { labels: labels.join(', ') }) : t('noLabels')}</p>
      {copy.notCopied.map((what) => (
        <p key={what} className="text-warn">
          {t(`notCopied.${what}`)}
        </p>
      ))}
    </section>
  );
}
