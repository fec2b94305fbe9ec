'use client';
// The confirmation before a node change: the guard's reason when it is refused, its warnings
// when it is allowed, and a typed confirmation when only force can make it happen.
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { InfoDialog } from '@/components/ui/dialog.tsx';
import { WarningList } from '@/components/ui/warning-list.tsx';
import type { ChangePlan } from './node-change.ts';

const waitNote = (plan: ChangePlan) =>
  plan.call.action === 'leave'
    ? 'Leaving can take up to a minute: a manager is demoted first.'
    : 'The swarm applies it within seconds; while managers elect a leader it can take up to 25 s.';

export function NodeChangeDialog({
  plan,
  hostname,
  onClose,
  run,
}: {
  plan: ChangePlan;
  hostname: string;
  onClose: () => void;
  run: (plan: ChangePlan, force: boolean) => Promise<string | null>;
}) {
  const { verdict } = plan;

  if (!verdict.allowed) {
    return (
      <InfoDialog title={`${plan.confirmLabel}: not possible`} onClose={onClose}>
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {verdict.reason}
        </p>
      </InfoDialog>
    );
  }

  if (verdict.needsForce) {
    return (
      <ConfirmByTyping
        open
        onOpenChange={(open) => !open && onClose()}
        title={plan.title}
        name={hostname}
        consequence={
          <>
            <span className="block">{verdict.reason}</span>
            {plan.consequence && <span className="mt-2 block">{plan.consequence}</span>}
            {verdict.warnings.map((warning) => (
              <span key={warning} className="mt-2 block text-warn">
                ⚠ {warning}
              </span>
            ))}
            <span className="mt-2 block">Only force can do this. {waitNote(plan)}</span>
          </>
        }
        confirmLabel={plan.confirmLabel}
        onConfirm={async () => {
          const error = await run(plan, true);
          if (!error) onClose();
          return error;
        }}
      />
    );
  }

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={plan.title}
      description={plan.consequence}
      confirmLabel={plan.confirmLabel}
      danger={plan.call.action !== 'update'}
      busyNote={`Working… ${waitNote(plan)}`}
      onConfirm={() => run(plan, false)}
    >
      <WarningList label="Warnings" icon items={verdict.warnings.map((w) => ({ key: w, text: w }))} />
    </ConfirmDialog>
  );
}
