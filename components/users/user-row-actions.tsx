'use client';
// The buttons on one user's row: change role, disable or enable, reset password. Each button's
// accessible name includes the username ("Disable alice"), so they are unambiguous to assistive
// technology and to tests.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { setUserDisabledAction } from '@/lib/actions/users.ts';
import type { RoleKey } from '@/lib/auth/permissions.ts';
import { ChangeRoleDialog } from './change-role-dialog.tsx';
import { DisableUserDialog } from './disable-user-dialog.tsx';
import { ResetPasswordDialog } from './reset-password-dialog.tsx';

export type ManagedUser = { id: string; username: string; role: RoleKey | null; disabled: boolean };

export function UserRowActions({ user, isSelf }: { user: ManagedUser; isSelf: boolean }) {
  const t = useTranslations('users.actions');
  const router = useRouter();
  const [open, setOpen] = useState<'role' | 'disable' | 'password' | null>(null);
  const [enabling, setEnabling] = useState(false);
  const toggle = (dialog: 'role' | 'disable' | 'password') => (next: boolean) => setOpen(next ? dialog : null);
  const words = { username: user.username, sr: (chunks: ReactNode) => <span className="sr-only">{chunks}</span> };

  const enable = async () => {
    setEnabling(true);
    const result = await setUserDisabledAction({ userId: user.id, disabled: false });
    setEnabling(false);
    if (!result.ok) {
      toast.error(result.error.message);
      return;
    }
    toast.success(t('enabledToast', { username: user.username }));
    router.refresh();
  };

  return (
    <div role="group" aria-label={t('group', { username: user.username })} className="flex flex-wrap justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={() => setOpen('role')}>
        {t.rich('changeRole', words)}
      </Button>
      {user.disabled ? (
        <Button size="sm" variant="secondary" busy={enabling} onClick={enable}>
          {t.rich('enable', words)}
        </Button>
      ) : (
        // Nobody disables their own account: the service refuses it, so the button is not offered.
        !isSelf && (
          <Button size="sm" variant="secondary" onClick={() => setOpen('disable')}>
            {t.rich('disable', words)}
          </Button>
        )
      )}
      <Button size="sm" variant="secondary" onClick={() => setOpen('password')}>
        {t.rich('resetPassword', words)}
      </Button>

      {/* Mounted while open, so each opening starts from the user as they are now. */}
      {open === 'role' && <ChangeRoleDialog open onOpenChange={toggle('role')} user={user} isSelf={isSelf} />}
      {open === 'disable' && <DisableUserDialog open onOpenChange={toggle('disable')} user={user} />}
      {open === 'password' && <ResetPasswordDialog open onOpenChange={toggle('password')} user={user} isSelf={isSelf} />}
    </div>
  );
}
