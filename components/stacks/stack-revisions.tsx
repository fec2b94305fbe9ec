'use client';
// A stack's revisions: who deployed what and when, how it went, which were rollbacks; any two
// compared; and going back to one (a new deploy of its file and inputs, after a confirmation).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { RevisionCompare } from '@/components/revisions/revision-compare.tsx';
import { RevisionTable } from '@/components/revisions/revision-table.tsx';
import { RollbackDialog } from '@/components/revisions/rollback-dialog.tsx';
import { rollbackStackAction } from '@/lib/actions/stacks.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { isBaseline, type ServiceDrift } from '@/lib/models/stacks/stack-drift.ts';
import type { StackDetail } from '@/lib/services/stacks/read-stacks.ts';
import { Outcome } from './stack-list.tsx';
import { RevisionDiff } from './revision-diff.tsx';

type Revision = StackDetail['revisions'][number];

/** How one service runs differently from the file, in one sentence. */
export function DriftLine({ drift }: { drift: ServiceDrift }) {
  const t = useTranslations('stacks.drift');
  if (drift.kind !== 'changed') return <>{t(drift.kind === 'missing' ? 'missing' : 'added', { service: drift.service })}</>;
  const changes = drift.changes.map((c) => t(`change.${c.field}`, { deployed: c.deployed, running: c.running }));
  return <>{t('changed', { service: drift.service, changes: changes.join(t('separator')) })}</>;
}

/** Said before a redeploy or rollback when what runs differs from the file: what it will undo. */
export function DriftWarning({ drift }: { drift: StackDetail['drift'] }) {
  const t = useTranslations('stacks.drift');
  if (!drift || drift.services.length === 0) return null;
  const parts = drift.services.map((d) =>
    d.kind === 'changed' ? t('revert.changed', { service: d.service, changes: d.changes.map((c) => t(`revert.field.${c.field}`, { deployed: c.deployed })).join(t('revert.and')) }) : t(`revert.${d.kind}`, { service: d.service }),
  );
  return (
    <p role="note" aria-label={t('revert.label')} className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
      {t('revert.sentence', { revision: drift.revision, parts: parts.join(t('revert.comma')) })}
    </p>
  );
}

function StackRollbackDialog({ swarmId, stackName, revision, drift, onClose }: { swarmId: string; stackName: string; revision: Revision; drift: StackDetail['drift']; onClose: () => void }) {
  const t = useTranslations('stacks.revisions');
  return (
    <RollbackDialog
      texts={{
        title: t('rollback.title', { number: revision.number }),
        description: t('rollback.description', { name: stackName, number: revision.number, by: revision.createdByName }),
        confirm: t('rollback.confirm'),
        busy: t('rollback.busy', { number: revision.number }),
        noAnswer: t('noAnswer'),
      }}
      rollback={() => rollbackStackAction({ swarmId, stackName, toRevision: revision.number })}
      refresh={queryKeys.swarm(swarmId)}
      done={(data) => t('rollback.done', { number: revision.number, name: stackName, revision: data.revision, created: data.created.length, updated: data.updated.length, removed: data.removed.length })}
      onClose={onClose}
    >
      <DriftWarning drift={drift} />
    </RollbackDialog>
  );
}

export function StackRevisions({ swarmId, stackName, revisions, drift, canDeploy }: { swarmId: string; stackName: string; revisions: Revision[]; drift: StackDetail['drift']; canDeploy: boolean }) {
  const t = useTranslations('stacks.revisions');
  const [rollbackTo, setRollbackTo] = useState<Revision | null>(null);
  const current = revisions.find((r) => isBaseline(r.outcome))?.number;

  return (
    <div className="flex flex-col gap-5">
      <RevisionTable caption={t('caption')} revisions={revisions} inEffect={{ number: current, word: t('current') }} outcome={(r) => <Outcome outcome={r.outcome} />} onRollback={canDeploy ? setRollbackTo : null} />

      <RevisionCompare numbers={revisions.map((r) => r.number)} diff={(from, to) => <RevisionDiff swarmId={swarmId} stackName={stackName} from={from} to={to} />} onlyOne={t('compare.onlyOne')} />

      {rollbackTo && <StackRollbackDialog swarmId={swarmId} stackName={stackName} revision={rollbackTo} drift={drift} onClose={() => setRollbackTo(null)} />}
    </div>
  );
}
