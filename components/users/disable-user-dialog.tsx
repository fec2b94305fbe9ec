'use client';
// Confirms disabling a user: they are signed out everywhere at once, cannot sign in again, and
// their docker CLI bundles are revoked (each host they hold one for has its CA rotated).
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormActions } from '@/components/ui/form.tsx';
import { setUserDisabledAction } from '@/lib/actions/users.ts';
import { describeRevocation } from '@/lib/models/hosts/cli-bundles.ts';

export function DisableUserDialog({ open, onOpenChange, user }: { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string } }) {
  const t = useTranslations('users.disable');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const close = () => onOpenChange(false);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('title', { username: user.username })}
      description={t('description', { username: user.username })}
    >
      <FormActions
        label={t('confirm')}
        danger
        busy={busy}
        onCancel={close}
        focusCancel
        onConfirm={async () => {
          setBusy(true);
          const result = await setUserDisabledAction({ userId: user.id, disabled: true });
          setBusy(false);
          close();
          if (!result.ok) {
            toast.error(result.error.message);
            return;
          }
          const revoked = describeRevocation(user.username, result.data.bundles);
          if (result.data.bundles.failed.length) toast.warning(t('done', { username: user.username }), { description: revoked });
          else toast.success(t('done', { username: user.username }), { description: revoked ?? undefined });
          router.refresh();
        }}
      />
    </Dialog>
  );
}
