'use client';
// The confirmation before a node change: the guard's reason when it is refused, its warnings
// when it is allowed, and a typed confirmation when only force can make it happen.
import { useTranslations } from 'next-intl';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { InfoDialog } from '@/components/ui/dialog.tsx';
import { WarningList } from '@/components/ui/warning-list.tsx';
import type { ChangePlan } from './node-change.ts';
import { useSay } from './use-say.ts';


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
  const t = useTranslations('swarms.change');
  const say = useSay();
  const { verdict } = plan;
  const warnings = verdict.warnings.map((w) => say(w));
  const wait = plan.call.action === 'leave' ? t('waitLeave') : t('waitApply');

  if (!verdict.allowed) {
    return (
      <InfoDialog title={t('notPossible', { action: plan.confirmLabel })} onClose={onClose}>
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {verdict.reason && say(verdict.reason)}
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
            <span className="block">{verdict.reason && say(verdict.reason)}</span>
            {plan.consequence && <span className="mt-2 block">{plan.consequence}</span>}
            {warnings.map((warning) => (
              <span key={warning} className="mt-2 block text-warn">
                ⚠ {warning}
              </span>
            ))}
            <span className="mt-2 block">{t('onlyForce', { wait })}</span>
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
      busyNote={t('working', { wait })}
      onConfirm={() => run(plan, false)}
    >
      <WarningList label={t('warnings')} icon items={warnings.map((w) => ({ key: w, text: w }))} />
    </ConfirmDialog>
  );
}
