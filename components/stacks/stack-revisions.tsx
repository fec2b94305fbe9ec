'use client';
// A stack's revisions: who deployed what and when, how it went, which were rollbacks; any two
// compared; and going back to one (a new deploy of its file and inputs, after a confirmation).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { SelectField } from '@/components/ui/field.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { rollbackStackAction } from '@/lib/actions/stacks.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { isBaseline, revertSentence } from '@/lib/models/stacks/stack-drift.ts';
import type { StackDetail } from '@/lib/services/stacks/read-stacks.ts';
import { deploySummary } from './format.ts';
import { Outcome } from './stack-list.tsx';
import { RevisionDiff } from './revision-diff.tsx';

type Revision = StackDetail['revisions'][number];

/** Said before a redeploy or rollback when what runs differs from the file: what it will undo. */
export function DriftWarning({ drift }: { drift: StackDetail['drift'] }) {
  if (!drift || drift.services.length === 0) return null;
  return (
    <p role="note" aria-label="Changes this will revert" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
      Changes made outside the file since revision {drift.revision} will be reverted: {revertSentence(drift.services)}
    </p>
  );
}

function RollbackDialog({ swarmId, stackName, revision, drift, onClose }: { swarmId: string; stackName: string; revision: Revision; drift: StackDetail['drift']; onClose: () => void }) {
  const queryClient = useQueryClient();
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Roll back to revision ${revision.number}?`}
      description={`${stackName} is deployed again with the file, variables and files of revision ${revision.number} (by ${revision.createdByName}). This is kept as a new revision; services no longer in that file are removed.`}
      confirmLabel="Roll back"
      busyNote={`Deploying revision ${revision.number} again (up to a minute)…`}
      onConfirm={async () => {
        const result = await rollbackStackAction({ swarmId, stackName, toRevision: revision.number }).catch(() => null);
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
        if (!result || !result.ok) {
          const message = result ? result.error.message : 'The console did not answer. Try again.';
          toast.error(message);
          return message;
        }
        toast.success(`Rolled back to revision ${revision.number}. ${deploySummary(stackName, result.data)}`);
        return null;
      }}
    >
      <DriftWarning drift={drift} />
    </ConfirmDialog>
  );
}

export function StackRevisions({ swarmId, stackName, revisions, drift, canDeploy }: { swarmId: string; stackName: string; revisions: Revision[]; drift: StackDetail['drift']; canDeploy: boolean }) {
  const [rollbackTo, setRollbackTo] = useState<Revision | null>(null);
  const latest = revisions[0]?.number ?? 0;
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  // Until the user picks, compare the newest revision with the one before it (following new deploys).
  const from = picked?.from ?? revisions[1]?.number ?? 0;
  const to = picked?.to ?? latest;
  const current = revisions.find((r) => isBaseline(r.outcome))?.number;

  return (
    <div className="flex flex-col gap-5">
      <Table caption="Revisions" columns={[{ label: 'Revision' }, { label: 'By' }, { label: 'When' }, { label: 'Outcome' }, { label: 'Restored from' }, { label: <span className="sr-only">Actions</span> }]}>
        {revisions.map((r) => (
          <Tr key={r.number}>
            <RowHeader className="font-mono">
              #{r.number}
              {r.number === current && (
                <Badge tone="accent" className="ml-2 font-sans">
                  current
                </Badge>
              )}
            </RowHeader>
            <Td>{r.createdByName}</Td>
            <Td className="text-muted">
              <RelativeTime iso={r.createdAt} />
            </Td>
            <Td>
              <Outcome outcome={r.outcome} />
              {r.message && <span className={`mt-1 block max-w-xs text-xs ${r.outcome === 'failed' ? 'text-danger' : 'text-muted'}`}>{r.message}</span>}
            </Td>
            <Td>{r.restoredFrom ? `restored from ${r.restoredFrom}` : <span className="text-muted">—</span>}</Td>
            <Td className="text-right">
              {canDeploy && r.number !== current && (
                <Button size="sm" variant="secondary" onClick={() => setRollbackTo(r)}>
                  Roll back to revision {r.number}
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </Table>

      {revisions.length > 1 ? (
        <section aria-label="Compare revisions" className="flex flex-col gap-3">
          <h3 className="text-sm font-semibold">Compare revisions</h3>
          <div className="flex flex-wrap gap-4">
            <SelectField label="From revision" className="w-40" value={String(from)} onChange={(e) => setPicked({ from: Number(e.target.value), to })}>
              {revisions.map((r) => (
                <option key={r.number} value={r.number}>
                  #{r.number}
                </option>
              ))}
            </SelectField>
            <SelectField label="To revision" className="w-40" value={String(to)} onChange={(e) => setPicked({ from, to: Number(e.target.value) })}>
              {revisions.map((r) => (
                <option key={r.number} value={r.number}>
                  #{r.number}
                </option>
              ))}
            </SelectField>
          </div>
          <RevisionDiff swarmId={swarmId} stackName={stackName} from={from} to={to} />
        </section>
      ) : (
        <p className="text-sm text-muted">One revision so far: the next deploy can be compared with it.</p>
      )}

      {rollbackTo && <RollbackDialog swarmId={swarmId} stackName={stackName} revision={rollbackTo} drift={drift} onClose={() => setRollbackTo(null)} />}
    </div>
  );
}
