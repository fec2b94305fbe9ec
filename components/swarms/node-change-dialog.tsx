'use client';
// The confirmation before a node change: the guard's reason when it is refused, its warnings
// when it is allowed, and a typed confirmation when only force can make it happen.
import { AlertTriangle } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import type { ChangePlan } from './node-change.ts';

function Warnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <ul className="flex flex-col gap-2" aria-label="Warnings">
      {warnings.map((warning) => (
        <li key={warning} className="flex items-start gap-2 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{warning}</span>
        </li>
      ))}
    </ul>
  );
}

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
      <Dialog open onOpenChange={(open) => !open && onClose()} title={`${plan.confirmLabel}: not possible`}>
        <div className="flex flex-col gap-4">
          <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
            {verdict.reason}
          </p>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      </Dialog>
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
      <Warnings warnings={verdict.warnings} />
    </ConfirmDialog>
  );
}
