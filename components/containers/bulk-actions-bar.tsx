'use client';
// Start, stop, restart or remove the containers selected in the list. Each container goes through
// the same server action as its row's menu (its own authorization, workload policy and audit row),
// a few at a time; a bar shows the progress, and every failure is listed by container.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { containerStateAction, removeContainerAction } from '@/lib/actions/containers.ts';
import { appliesTo, BULK_ACTIONS, bulkNeedsConfirmation, bulkTaskConsequence, summarizeBulk, type BulkAction, type BulkOutcome } from '@/lib/models/containers/bulk-actions.ts';
import type { ContainerRow } from '@/lib/models/containers/container-views.ts';
import { RemoveChoices } from './container-dialogs.tsx';
import { useRefreshContainers } from './use-container-commands.ts';

/** How many containers are changed at once: enough to be quick, few enough not to flood an engine. */
const AT_ONCE = 4;
const RUNNING = new Set(['running', 'paused', 'restarting']);

type Run = { action: BulkAction; total: number; outcomes: BulkOutcome[] };

async function actOn(action: BulkAction, row: ContainerRow, options: { force: boolean; removeVolumes: boolean }): Promise<BulkOutcome> {
  const ref = { hostId: row.hostId, containerId: row.id };
  const result = action === 'remove' ? await removeContainerAction({ ...ref, force: options.force, removeVolumes: options.removeVolumes }) : await containerStateAction({ ...ref, verb: action });
  const who = { key: row.key, name: row.name, hostName: row.hostName };
  return result.ok ? { ...who, ok: true, message: result.data.message } : { ...who, ok: false, error: result.error.message };
}

export function BulkActionsBar({ selected, onFinished }: { selected: ContainerRow[]; onFinished: (succeeded: string[]) => void }) {
  const t = useTranslations('containers.bulk');
  const words = useTranslations('containers');
  const taskWords = useTranslations('containers.actions.task');
  const refresh = useRefreshContainers();
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [force, setForce] = useState(true);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const verb = (action: BulkAction) => (action === 'remove' ? t('remove') : words(`verbs.${action}`));
  const running = run !== null && run.outcomes.length < run.total;

  const start = async (action: BulkAction) => {
    const rows = appliesTo(action, selected);
    setRun({ action, total: rows.length, outcomes: [] });
    const outcomes: BulkOutcome[] = [];
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        outcomes.push(await actOn(action, row, { force, removeVolumes }).catch((error: unknown) => ({ key: row.key, name: row.name, hostName: row.hostName, ok: false as const, error: error instanceof Error ? error.message : String(error) })));
        setRun({ action, total: rows.length, outcomes: [...outcomes] });
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, rows.length) }, worker));
    await Promise.all([...new Set(rows.map((r) => r.hostId))].map((hostId) => refresh(hostId)));
    const summary = summarizeBulk(rows.length, outcomes);
    if (summary.failed.length) toast.error(t('someFailed', { verb: verb(action), failed: summary.failed.length, total: rows.length }));
    else toast.success(t('allDone', { verb: verb(action), count: rows.length }));
    onFinished(outcomes.filter((o) => o.ok).map((o) => o.key));
  };

  const choose = (action: BulkAction) => {
    const rows = appliesTo(action, selected);
    if (bulkNeedsConfirmation(action, rows)) {
      setForce(selected.some((r) => RUNNING.has(r.state)));
      setAsking(action);
    } else void start(action);
  };

  const summary = run ? summarizeBulk(run.total, run.outcomes) : null;
  const asked = asking ? appliesTo(asking, selected) : [];
  const tasks = asking ? asked.filter((r) => bulkTaskConsequence(asking, r)) : [];
  const skipped = selected.length - asked.length;

  if (selected.length === 0 && !run && !asking) return null;
  return (
    <div className="flex flex-col gap-2">
      {selected.length > 0 && (
        <div role="toolbar" aria-label={t('toolbar')} className="flex flex-wrap items-center gap-2 rounded-md border border-border bg-surface-2 px-3 py-2 text-sm">
          <span className="mr-2 font-medium">{t('selected', { count: selected.length })}</span>
          {BULK_ACTIONS.map((action) => (
            <Button key={action} size="sm" variant={action === 'remove' ? 'danger' : 'secondary'} disabled={running || appliesTo(action, selected).length === 0} onClick={() => choose(action)}>
              {t(`buttons.${action}`)}
            </Button>
          ))}
        </div>
      )}
      {run && summary && (
        <div className="flex flex-col gap-1" aria-live="polite">
          <div
            role="progressbar"
            aria-label={t('progress', { verb: verb(run.action) })}
            aria-valuemin={0}
            aria-valuemax={run.total}
            aria-valuenow={summary.done}
            aria-valuetext={t('progressText', { done: summary.done, total: run.total })}
            className="h-2 overflow-hidden rounded-full bg-surface-2"
          >
            <div className={summary.failed.length ? 'h-full bg-danger' : 'h-full bg-accent transition-[width]'} style={{ width: `${run.total ? (100 * summary.done) / run.total : 100}%` }} />
          </div>
          <p role="status" className="text-xs text-muted">
            {summary.finished ? t('finished', { verb: verb(run.action), succeeded: summary.succeeded, total: run.total }) : t('progressText', { done: summary.done, total: run.total })}
          </p>
          {summary.failed.length > 0 && (
            <div role="alert" className="rounded-md border border-danger/40 p-2 text-sm">
              <p className="font-medium text-danger">{t('failedTitle', { verb: verb(run.action), count: summary.failed.length })}</p>
              <ul aria-label={t('failedList')} className="mt-1 list-disc pl-5">
                {summary.failed.map((f) => (
                  <li key={f.key}>{t('failedItem', { name: f.name, host: f.hostName, error: f.error })}</li>
                ))}
              </ul>
            </div>
          )}
          {summary.finished && (
            <Button size="sm" variant="ghost" className="self-start" onClick={() => setRun(null)}>
              {t('dismiss')}
            </Button>
          )}
        </div>
      )}
      {asking && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setAsking(null)}
          title={t('confirmTitle', { verb: verb(asking), count: asked.length })}
          description={t('confirmText')}
          confirmLabel={t('confirmButton', { verb: verb(asking), count: asked.length })}
          danger={asking !== 'restart'}
          onConfirm={async () => {
            const action = asking;
            setAsking(null);
            void start(action);
            return null;
          }}
        >
          <ul aria-label={t('confirmList')} className="max-h-40 list-disc overflow-y-auto pl-5 text-sm">
            {asked.map((r) => (
              <li key={r.key}>{t('item', { name: r.name, host: r.hostName })}</li>
            ))}
          </ul>
          {skipped > 0 && <p className="text-sm text-muted">{t('skipped', { count: skipped })}</p>}
          {tasks.length > 0 && (
            <div role="note" aria-label={t('tasksNote')} className="flex flex-col gap-1 text-sm text-warn">
              {tasks.map((r) => (
                <p key={r.key}>{taskWords(bulkTaskConsequence(asking, r)!, { name: r.name, service: r.service ?? '' })}</p>
              ))}
            </div>
          )}
          {asking === 'remove' && <RemoveChoices removeVolumes={removeVolumes} setRemoveVolumes={setRemoveVolumes} force={force} setForce={setForce} labels={{ volumes: t('volumes'), force: t('force') }} />}
        </ConfirmDialog>
      )}
    </div>
  );
}
