'use client';
// The git repository a stack follows, on the stack's page: the commit deployed and the newest one
// a check found, the compose file's diff between them and Apply (confirmed), why the last check or
// apply failed, Check now, Pause or Resume, and the git settings (editable after the first deploy).
import { GitBranch } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { TextDiff } from '@/components/revisions/text-diff.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { FormError } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { applyGitStackAction, checkGitStackAction, pauseGitSourceAction, updateGitSourceAction } from '@/lib/actions/git-stacks.ts';
import type { FieldErrors } from '@/lib/errors.ts';
import { hasNewCommit, type GitSourceView } from '@/lib/models/stacks/git-source.ts';
import { GitSettingsFields, gitSettingsOf } from './git-stack-form.tsx';

const short = (commit: string | null) => commit?.slice(0, 12) ?? null;

export function GitSourceCard({ swarmId, stackName, source, canDeploy }: { swarmId: string; stackName: string; source: GitSourceView; canDeploy: boolean }) {
  const t = useTranslations('gitStacks.card');
  const router = useRouter();
  const ref = { swarmId, stackName };
  const [busy, setBusy] = useState<'check' | 'pause' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const waiting = hasNewCommit(source) && source.seenCommit !== null;

  const check = async () => {
    setBusy('check');
    setError(null);
    const result = await checkGitStackAction(ref);
    setBusy(null);
    if (!result.ok) setError(result.error.message);
    else if (result.data.applied) toast.success(t('applied', { revision: result.data.applied, commit: short(result.data.commit) ?? '' }));
    else toast.success(result.data.changed ? t('newCommit', { commit: short(result.data.commit) ?? '' }) : t('upToDate'));
    router.refresh();
  };

  const pause = async () => {
    setBusy('pause');
    const result = await pauseGitSourceAction({ ...ref, paused: !source.paused });
    setBusy(null);
    if (!result.ok) setError(result.error.message);
    router.refresh();
  };

  return (
    <Card
      title={t('title')}
      className="mt-6"
      actions={
        canDeploy && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" busy={busy === 'check'} onClick={check}>
              {t('check')}
            </Button>
            <Button variant="secondary" size="sm" busy={busy === 'pause'} onClick={pause}>
              {source.paused ? t('resume') : t('pause')}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
              {t('settings')}
            </Button>
          </div>
        )
      }
    >
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <GitBranch className="size-4 text-muted" aria-hidden />
        <span className="font-mono">{source.url}</span>
        {source.paused ? <Badge tone="warn">{t('paused')}</Badge> : <Badge tone="neutral">{t('following', { seconds: source.pollSeconds })}</Badge>}
        {source.autoApply && <Badge tone="neutral">{t('autoApplyOn')}</Badge>}
      </div>
      <FactList
        rows={[
          [t('ref'), <span key="ref" className="font-mono">{source.ref}</span>],
          [t('composePath'), <span key="path" className="font-mono">{source.composePath}</span>],
          [t('deployedCommit'), <span key="deployed" className="font-mono">{short(source.deployedCommit) ?? t('none')}</span>],
          [t('availableCommit'), <span key="seen" className="font-mono">{short(source.seenCommit) ?? t('notChecked')}</span>],
          [t('checkedAt'), source.checkedAt ? <RelativeTime key="at" iso={source.checkedAt} /> : t('notChecked')],
          ...(source.hostKey
            ? [[t('hostKey'), <span key="hostKey"><span className="font-mono text-xs">{source.hostKey}</span> ({t(source.hostKeyTrust === 'given' ? 'hostKeyGiven' : 'hostKeyFirstUse')})</span>] as [string, React.ReactNode]]
            : []),
          ...(source.sshPublicKey ? [[t('publicKey'), <code key="pub" className="break-all text-xs">{source.sshPublicKey}</code>] as [string, React.ReactNode]] : []),
        ]}
      />
      {source.lastError && (
        <div role="alert" className="mt-3 rounded-md border border-danger px-3 py-2 text-sm">
          <p className="font-medium">{t('failed')}</p>
          <p className="mt-1">{source.lastError}</p>
          <p className="mt-1 text-xs text-muted">{t('untouched')}</p>
        </div>
      )}
      <FormError message={error} />
      {waiting && (
        <div className="mt-4 flex flex-col gap-3">
          <p className="text-sm font-medium">{t('waiting', { commit: short(source.seenCommit) ?? '' })}</p>
          {source.deployedRevision && source.seenCompose !== null && (
            <TextDiff before={source.deployedRevision.composeText} after={source.seenCompose} from={source.deployedRevision.number} to={source.deployedRevision.number + 1} error={null} />
          )}
          {canDeploy && (
            <div>
              <Button onClick={() => setConfirming(true)}>{t('apply')}</Button>
            </div>
          )}
        </div>
      )}
      {!waiting && !source.lastError && <p className="mt-3 text-sm text-muted">{t('current')}</p>}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('applyTitle', { commit: short(source.seenCommit) ?? '' })}
        description={t('applyDescription', { name: stackName })}
        confirmLabel={t('applyConfirm')}
        onConfirm={async () => {
          const result = await applyGitStackAction({ ...ref, commit: source.seenCommit ?? '' });
          router.refresh();
          if (!result.ok) return result.error.message;
          toast.success(t('applied', { revision: result.data.revision, commit: short(result.data.commit) ?? '' }));
          setConfirming(false);
          return null;
        }}
      />
      <FormDialog
        open={editing}
        onOpenChange={setEditing}
        onClosed={() => setFieldErrors({})}
        title={t('settingsTitle')}
        label={t('save')}
        form={{ busy: saving.busy, message: saving.message, reset: () => setSaving({ busy: false, message: null }) }}
        onSubmit={async (event) => {
          const form = new FormData(event.currentTarget);
          setSaving({ busy: true, message: null });
          const result = await updateGitSourceAction({ ...ref, ...gitSettingsOf(form, source), paused: source.paused });
          if (!result.ok) {
            setFieldErrors(result.error.fieldErrors ?? {});
            setSaving({ busy: false, message: result.error.message });
            return;
          }
          setSaving({ busy: false, message: null });
          setFieldErrors({});
          setEditing(false);
          toast.success(t('saved'));
          router.refresh();
        }}
      >
        <GitSettingsFields swarmId={swarmId} initial={source} errors={fieldErrors} />
      </FormDialog>
    </Card>
  );
}
