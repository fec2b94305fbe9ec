'use client';
// Sets a new password for a user, typed twice. Their sessions end (except the administrator's
// own current one when they reset their own password).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { resetUserPasswordAction } from '@/lib/actions/users.ts';
import type { FieldErrors } from '@/lib/errors.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-policy.ts';
import { reportFailure } from './report-failure.ts';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string }; isSelf: boolean };

function ResetPasswordForm({ user, close }: Pick<Props, 'user'> & { close: () => void }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const password = String(form.get('password') ?? '');
        if (password !== String(form.get('confirm') ?? '')) {
          setErrors({ confirm: ['The passwords do not match.'] });
          return;
        }
        setBusy(true);
        setErrors({});
        const result = await resetUserPasswordAction({ userId: user.id, password });
        setBusy(false);
        if (!result.ok) {
          setErrors(reportFailure(result.error, ['password']));
          return;
        }
        toast.success(`Set a new password for ${user.username}`);
        close();
        router.refresh();
      }}
    >
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        error={errors.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
      />
      <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required maxLength={PASSWORD_MAX} error={errors.confirm} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        <Button type="submit" busy={busy}>
          Set password
        </Button>
      </div>
    </form>
  );
}

export function ResetPasswordDialog({ open, onOpenChange, user, isSelf }: Props) {
  const consequence = isSelf
    ? 'Your other sessions are signed out; this one stays signed in.'
    : `${user.username} is signed out everywhere and must sign in with the new password.`;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Reset password for ${user.username}`} description={consequence}>
      <ResetPasswordForm user={user} close={() => onOpenChange(false)} />
    </Dialog>
  );
}
