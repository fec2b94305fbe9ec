'use client';
// The buttons on one user's row: change role, disable or enable, reset password. Each button's
// accessible name includes the username ("Disable alice"), so they are unambiguous to assistive
// technology and to tests.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { setUserDisabledAction } from '@/lib/actions/users.ts';
import type { RoleKey } from '@/lib/auth/permissions.ts';
import { ChangeRoleDialog } from './change-role-dialog.tsx';
import { DisableUserDialog } from './disable-user-dialog.tsx';
import { ResetPasswordDialog } from './reset-password-dialog.tsx';

export type ManagedUser = { id: string; username: string; role: RoleKey | null; disabled: boolean };

export function UserRowActions({ user, isSelf }: { user: ManagedUser; isSelf: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<'role' | 'disable' | 'password' | null>(null);
  const [enabling, setEnabling] = useState(false);
  const toggle = (dialog: 'role' | 'disable' | 'password') => (next: boolean) => setOpen(next ? dialog : null);
  const forUser = <span className="sr-only"> {user.username}</span>;

  const enable = async () => {
    setEnabling(true);
    const result = await setUserDisabledAction({ userId: user.id, disabled: false });
    setEnabling(false);
    if (!result.ok) {
      toast.error(result.error.message);
      return;
    }
    toast.success(`Enabled ${user.username}; they can sign in again`);
    router.refresh();
  };

  return (
    <div role="group" aria-label={`Actions for ${user.username}`} className="flex flex-wrap justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={() => setOpen('role')}>
        Change role<span className="sr-only"> for</span>
        {forUser}
      </Button>
      {user.disabled ? (
        <Button size="sm" variant="secondary" busy={enabling} onClick={enable}>
          Enable{forUser}
        </Button>
      ) : (
        // Nobody disables their own account: the service refuses it, so the button is not offered.
        !isSelf && (
          <Button size="sm" variant="secondary" onClick={() => setOpen('disable')}>
            Disable{forUser}
          </Button>
        )
      )}
      <Button size="sm" variant="secondary" onClick={() => setOpen('password')}>
        Reset password<span className="sr-only"> for</span>
        {forUser}
      </Button>

      {/* Mounted while open, so each opening starts from the user as they are now. */}
      {open === 'role' && <ChangeRoleDialog open onOpenChange={toggle('role')} user={user} isSelf={isSelf} />}
      {open === 'disable' && <DisableUserDialog open onOpenChange={toggle('disable')} user={user} />}
      {open === 'password' && <ResetPasswordDialog open onOpenChange={toggle('password')} user={user} isSelf={isSelf} />}
    </div>
  );
}
