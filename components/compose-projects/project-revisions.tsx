'use client';
// A compose project's revisions: who saved what and when, how its up went, which were rollbacks;
// any two compared; and going back to one (saved again as a new revision and brought up, after a
// confirmation).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { RevisionCompare } from '@/components/revisions/revision-compare.tsx';
import { RevisionTable } from '@/components/revisions/revision-table.tsx';
import { RollbackDialog } from '@/components/revisions/rollback-dialog.tsx';
import { TextDiff } from '@/components/revisions/text-diff.tsx';
import { Badge } from '@/components/ui/badge.tsx';
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

function ProjectRollbackDialog({ hostId, name, revision, onClose }: { hostId: string; name: string; revision: Revision; onClose: () => void }) {
  const t = useTranslations('compose.detail.revisions');
  return (
    <RollbackDialog
      texts={{
        title: t('rollback.title', { number: revision.number }),
        description: t('rollback.description', { name, number: revision.number, by: revision.createdByName }),
        confirm: t('rollback.confirm'),
        busy: t('rollback.busy', { number: revision.number }),
        noAnswer: t('noAnswer'),
      }}
      rollback={() => rollbackProjectAction({ hostId, name, toRevision: revision.number })}
      refresh={queryKeys.project(hostId, name)}
      done={(data) => t('rollback.done', { number: revision.number, name, revision: data.revision, started: data.up.started.length })}
      onClose={onClose}
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
      {rollbackTo && <ProjectRollbackDialog hostId={hostId} name={name} revision={rollbackTo} onClose={() => setRollbackTo(null)} />}
    </div>
  );
}
