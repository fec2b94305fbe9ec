'use client';
// Confirms disabling a user: they are signed out everywhere at once and cannot sign in again.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormActions } from '@/components/ui/form.tsx';
import { setUserDisabledAction } from '@/lib/actions/users.ts';

export function DisableUserDialog({ open, onOpenChange, user }: { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string } }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const close = () => onOpenChange(false);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Disable ${user.username}?`}
      description={`${user.username} is signed out everywhere at once, and cannot sign in again until an administrator enables the account. Nothing they own is deleted.`}
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
          toast.success(`Disabled ${user.username}; they are signed out`);
          router.refresh();
        }}
      />
    </Dialog>
  );
}
