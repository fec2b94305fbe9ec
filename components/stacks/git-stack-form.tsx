'use client';
// A stack made from a git repository: the swarm and the stack's name, then where its compose file
// is (URL, branch or tag, path, an optional access token; or an SSH address with a deploy key and the
// server's host key) and how the stack follows it. The files
// are read and deployed at once; the stack page then shows each new commit. The settings fields
// are shared with the stack page's settings dialog.
import { OwnerTeamField, type OwnerTeam } from '@/components/access/owner-team-field.tsx';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form, formText } from '@/components/ui/form.tsx';
import { createGitStackAction, generateDeployKeyAction } from '@/lib/actions/git-stacks.ts';
import { isSshAddress } from '@/lib/models/stacks/git-url.ts';
import type { FieldErrors } from '@/lib/errors.ts';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { SwarmSummary } from '@/lib/services/swarms/list-swarms.ts';
import { stackPath } from './format.ts';

export type GitSettingsValues = {
  url: string;
  ref: string;
  composePath: string;
  pollSeconds: number;
  autoApply: boolean;
  hasToken?: boolean;
  sshPublicKey?: string | null;
  hostKey?: string | null;
  hostKeyTrust?: 'given' | 'first-use' | null;
};

/** The SSH part: a deploy key pasted or generated here (only its public half is shown), and the server's host key. */
function DeployKeyFields({ swarmId, initial, errors }: { swarmId: string; initial?: GitSettingsValues; errors: FieldErrors }) {
  const t = useTranslations('gitStacks.form');
  const [generated, setGenerated] = useState<{ publicKey: string; generatedKey: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const trust = initial?.hostKey ? t(initial.hostKeyTrust === 'given' ? 'hostKeyGiven' : 'hostKeyFirstUse', { fingerprint: initial.hostKey }) : t('hostKeyHint');
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3">
      <legend className="px-1 text-sm font-medium">{t('sshTitle')}</legend>
      <p className="text-xs text-muted">{t('sshIntro')}</p>
      {generated ? (
        <>
          <input type="hidden" name="generatedKey" value={generated.generatedKey} />
          <TextAreaField label={t('publicKey')} readOnly rows={3} value={generated.publicKey} hint={t('publicKeyHint')} />
        </>
      ) : (
        <>
          <TextAreaField label={t('sshKey')} name="sshKey" rows={4} autoComplete="off" error={errors.sshKey} hint={initial?.sshPublicKey ? t('sshKeyKept') : t('sshKeyHint')} />
          {initial?.sshPublicKey && <TextAreaField label={t('publicKey')} readOnly rows={3} value={initial.sshPublicKey} />}
          <div>
            <Button
              type="button"
              variant="secondary"
              size="sm"
              busy={busy}
              disabled={!swarmId}
              onClick={async () => {
                setBusy(true);
                const result = await generateDeployKeyAction({ swarmId });
                setBusy(false);
                if (!result.ok) return setFailed(result.error.message);
                setFailed(null);
                setGenerated(result.data);
              }}
            >
              {t('generateKey')}
            </Button>
          </div>
          <FormError message={failed} />
        </>
      )}
      <TextField label={t('hostKey')} name="hostKey" defaultValue={initial?.hostKey ?? ''} error={errors.hostKey} autoComplete="off" spellCheck={false} hint={trust} />
    </fieldset>
  );
}

/** URL, ref, path, token or deploy key, interval and auto-apply, named for formText. */
export function GitSettingsFields({ swarmId, initial, errors }: { swarmId: string; initial?: GitSettingsValues; errors: FieldErrors }) {
  const t = useTranslations('gitStacks.form');
  return (
    <>
      <TextField label={t('url')} name="url" defaultValue={initial?.url} error={errors.url} autoComplete="off" spellCheck={false} hint={t('urlHint')} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t('ref')} name="ref" defaultValue={initial?.ref ?? 'main'} error={errors.ref} autoComplete="off" spellCheck={false} />
        <TextField label={t('composePath')} name="composePath" defaultValue={initial?.composePath ?? 'compose.yml'} error={errors.composePath} autoComplete="off" spellCheck={false} />
      </div>
      <TextField label={t('token')} name="token" type="password" autoComplete="new-password" error={errors.token} hint={initial?.hasToken ? t('tokenKept') : t('tokenHint')} />
      <DeployKeyFields swarmId={swarmId} initial={initial} errors={errors} />
      <TextField label={t('pollSeconds')} name="pollSeconds" type="number" min={60} max={86400} defaultValue={initial?.pollSeconds ?? 300} error={errors.pollSeconds} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="autoApply" defaultChecked={initial?.autoApply ?? false} />
        {t('autoApply')}
      </label>
    </>
  );
}

/**
 * The settings a submitted form holds. On an edit (`initial`), an empty token or deploy key keeps the
 * kept one, and an unchanged host key keeps the pinned one (emptied: the next connection's is trusted).
 */
export function gitSettingsOf(form: FormData, initial?: Pick<GitSettingsValues, 'hostKey'>) {
  const { url, ref, composePath, token, pollSeconds, sshKey, generatedKey, hostKey } = formText(form, 'url', 'ref', 'composePath', 'token', 'pollSeconds', 'sshKey', 'generatedKey', 'hostKey');
  const ssh = isSshAddress(url.trim());
  const edit = initial !== undefined;
  return {
    url, ref, composePath, pollSeconds: Number(pollSeconds), autoApply: form.get('autoApply') === 'on',
    ...(!ssh && (token || !edit) ? { token } : {}),
    ...(ssh && generatedKey ? { generatedKey } : ssh && (sshKey || !edit) ? { sshKey } : {}),
    ...(ssh && (!edit || hostKey.trim() !== (initial.hostKey ?? '')) ? { hostKey } : {}),
  };
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
        const result = await createGitStackAction({ swarmId, stackName, ...gitSettingsOf(form), ...(teamId ? { teamId } : {}) });
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
      <GitSettingsFields swarmId={swarmId} errors={errors} />
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
