'use client';
// Confirms disabling a user: they are signed out everywhere at once, cannot sign in again, and
// their docker CLI bundles are revoked (each host they hold one for has its CA rotated).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormActions } from '@/components/ui/form.tsx';
import { setUserDisabledAction } from '@/lib/actions/users.ts';
import { describeRevocation } from '@/lib/models/hosts/cli-bundles.ts';

export function DisableUserDialog({ open, onOpenChange, user }: { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string } }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const close = () => onOpenChange(false);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Disable ${user.username}?`}
      description={`${user.username} is signed out everywhere at once, and cannot sign in again until an administrator enables the account. Their docker CLI bundles are revoked: the CA of each host they hold one for is replaced and its engine restarts, so every other bundle of those hosts stops working too. Nothing they own is deleted.`}
    >
      <FormActions
        label="Disable user"
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
          if (result.data.bundles.failed.length) toast.warning(`Disabled ${user.username}; they are signed out`, { description: revoked });
          else toast.success(`Disabled ${user.username}; they are signed out`, { description: revoked ?? undefined });
          router.refresh();
        }}
      />
    </Dialog>
  );
}
