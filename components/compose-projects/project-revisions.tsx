'use client';
// A compose project's revisions: who saved what and when, how its up went, which were rollbacks;
// any two compared; and going back to one (saved again as a new revision and brought up, after a
// confirmation).
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { RevisionCompare } from '@/components/revisions/revision-compare.tsx';
import { RevisionTable } from '@/components/revisions/revision-table.tsx';
import { TextDiff } from '@/components/revisions/text-diff.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { rollbackProjectAction } from '@/lib/actions/compose-projects.ts';
import type { ProjectDetail } from '@/lib/models/compose-projects/project-status.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useProjectRevision } from '@/lib/queries/use-compose-projects.ts';

type Revision = ProjectDetail['revisions'][number];

function ProjectRevisionDiff({ hostId, name, from, to }: { hostId: string; name: string; from: number; to: number }) {
  const before = useProjectRevision(hostId, name, from);
  const after = useProjectRevision(hostId, name, to);
  return <TextDiff before={before.data?.composeText} after={after.data?.composeText} from={from} to={to} error={before.error ?? after.error} />;
}

function RollbackDialog({ hostId, name, revision, onClose }: { hostId: string; name: string; revision: Revision; onClose: () => void }) {
  const t = useTranslations('compose.detail.revisions');
  const queryClient = useQueryClient();
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('rollback.title', { number: revision.number })}
      description={t('rollback.description', { name, number: revision.number, by: revision.createdByName })}
      confirmLabel={t('rollback.confirm')}
      busyNote={t('rollback.busy', { number: revision.number })}
      onConfirm={async () => {
        const result = await rollbackProjectAction({ hostId, name, toRevision: revision.number }).catch(() => null);
        await queryClient.invalidateQueries({ queryKey: queryKeys.project(hostId, name) });
        if (!result || !result.ok) {
          const message = result ? result.error.message : t('noAnswer');
          toast.error(message);
          return message;
        }
        toast.success(t('rollback.done', { number: revision.number, name, revision: result.data.revision, started: result.data.up.started.length }));
        return null;
      }}
    />
  );
}

export function ProjectRevisions({ hostId, name, revisions, canManage, outcomeWord }: { hostId: string; name: string; revisions: Revision[]; canManage: boolean; outcomeWord: (outcome: string) => string }) {
  const t = useTranslations('compose.detail.revisions');
  const [rollbackTo, setRollbackTo] = useState<Revision | null>(null);
  return (
    <div className="flex flex-col gap-5">
      <RevisionTable
        caption={t('caption', { name })}
        revisions={revisions}
        inEffect={{ number: revisions[0]?.number, word: t('newest') }}
        outcome={(r) => <Badge tone={r.outcome === 'up' ? 'ok' : r.outcome === 'failed' ? 'danger' : 'neutral'}>{outcomeWord(r.outcome)}</Badge>}
        onRollback={canManage ? setRollbackTo : null}
      />
      <RevisionCompare numbers={revisions.map((r) => r.number)} diff={(from, to) => <ProjectRevisionDiff hostId={hostId} name={name} from={from} to={to} />} onlyOne={t('onlyOne')} />
      {rollbackTo && <RollbackDialog hostId={hostId} name={name} revision={rollbackTo} onClose={() => setRollbackTo(null)} />}
    </div>
  );
}
