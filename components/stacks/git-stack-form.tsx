'use client';
// A stack made from a git repository: the swarm and the stack's name, then where its compose file
// is (URL, branch or tag, path, an optional access token) and how the stack follows it. The files
// are read and deployed at once; the stack page then shows each new commit. The settings fields
// are shared with the stack page's settings dialog.
import { OwnerTeamField, type OwnerTeam } from '@/components/access/owner-team-field.tsx';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form, formText } from '@/components/ui/form.tsx';
import { createGitStackAction } from '@/lib/actions/git-stacks.ts';
import type { FieldErrors } from '@/lib/errors.ts';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { SwarmSummary } from '@/lib/services/swarms/list-swarms.ts';
import { stackPath } from './format.ts';

export type GitSettingsValues = { url: string; ref: string; composePath: string; pollSeconds: number; autoApply: boolean; hasToken?: boolean };

/** URL, ref, path, token, interval and auto-apply, named for formText. */
export function GitSettingsFields({ initial, errors }: { initial?: GitSettingsValues; errors: FieldErrors }) {
  const t = useTranslations('gitStacks.form');
  return (
    <>
      <TextField label={t('url')} name="url" defaultValue={initial?.url} error={errors.url} autoComplete="off" spellCheck={false} hint={t('urlHint')} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t('ref')} name="ref" defaultValue={initial?.ref ?? 'main'} error={errors.ref} autoComplete="off" spellCheck={false} />
        <TextField label={t('composePath')} name="composePath" defaultValue={initial?.composePath ?? 'compose.yml'} error={errors.composePath} autoComplete="off" spellCheck={false} />
      </div>
      <TextField label={t('token')} name="token" type="password" autoComplete="new-password" error={errors.token} hint={initial?.hasToken ? t('tokenKept') : t('tokenHint')} />
      <TextField label={t('pollSeconds')} name="pollSeconds" type="number" min={60} max={86400} defaultValue={initial?.pollSeconds ?? 300} error={errors.pollSeconds} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="autoApply" defaultChecked={initial?.autoApply ?? false} />
        {t('autoApply')}
      </label>
    </>
  );
}

/** The settings a submitted form holds (`token` absent when left empty on an edit: the kept one stays). */
export function gitSettingsOf(form: FormData, keepEmptyToken: boolean) {
  const { url, ref, composePath, token, pollSeconds } = formText(form, 'url', 'ref', 'composePath', 'token', 'pollSeconds');
  return { url, ref, composePath, pollSeconds: Number(pollSeconds), autoApply: form.get('autoApply') === 'on', ...(token || !keepEmptyToken ? { token } : {}) };
}

export function GitStackForm({ initialSwarms, initialSwarmId, ownerTeams = [] }: { initialSwarms: SwarmSummary[]; initialSwarmId: string | null; /** the user's teams: the stack is made for one of them */ ownerTeams?: OwnerTeam[] }) {
  const t = useTranslations('gitStacks.form');
  const router = useRouter();
  const { data: swarms = [] } = useSwarms(initialSwarms);
  const [chosen, setChosen] = useState(initialSwarmId ?? '');
  const swarmId = swarms.some((s) => s.id === chosen) ? chosen : (swarms[0]?.id ?? '');
  const [teamId, setTeamId] = useState(ownerTeams[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  return (
    <Form
      aria-label={t('title')}
      onSubmit={async (event) => {
        const form = new FormData(event.currentTarget);
        const stackName = String(form.get('stackName') ?? '').trim();
        setBusy(true);
        setMessage(null);
        const result = await createGitStackAction({ swarmId, stackName, ...gitSettingsOf(form, false), ...(teamId ? { teamId } : {}) });
        setBusy(false);
        if (!result.ok) {
          setErrors(result.error.fieldErrors ?? {});
          setMessage(result.error.message);
          return;
        }
        setErrors({});
        toast.success(t('created', { name: stackName, commit: result.data.commit.slice(0, 12) }));
        router.push(stackPath(swarmId, stackName));
      }}
    >
      <p className="text-sm text-muted">{t('intro')}</p>
      <div className="grid grid-cols-2 gap-3">
        <SelectField label={t('swarm')} value={swarmId} onChange={(e) => setChosen(e.target.value)} error={errors.swarmId}>
          {swarms.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('stackName')} name="stackName" error={errors.stackName} maxLength={61} autoComplete="off" spellCheck={false} />
      </div>
      <GitSettingsFields errors={errors} />
      <OwnerTeamField teams={ownerTeams} value={teamId} onChange={setTeamId} error={errors.teamId} />
      <FormError message={message} />
      <div>
        <Button type="submit" busy={busy} disabled={!swarmId}>
          {t('create')}
        </Button>
      </div>
    </Form>
  );
}
