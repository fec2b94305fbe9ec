'use client';
// The autolock unlock key, shown once: Wharf does not keep it, so this is the only chance to copy it.
import { KeyRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { CopyButton } from './copy-button.tsx';

export function UnlockKeyDialog({ unlockKey, swarmName, onClose }: { unlockKey: string | null; swarmName: string; onClose: () => void }) {
  const t = useTranslations('swarms.unlockKey');
  return (
    <Dialog
      open={unlockKey !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={t('title', { name: swarmName })}
      description={t('description')}
    >
      <div className="flex flex-col gap-4">
        <div role="alert" className="flex items-start gap-2 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          <KeyRound className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{t('warning')}</span>
        </div>
        <div className="flex items-end gap-2">
          <TextField label={t('label')} value={unlockKey ?? ''} readOnly className="flex-1 font-mono" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={unlockKey ?? ''} label={t('copyLabel')} what={t('what')} />
        </div>
        <div className="flex justify-end">
          <Button onClick={onClose}>{t('stored')}</Button>
        </div>
      </div>
    </Dialog>
  );
}
