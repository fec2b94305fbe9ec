'use client';
// Sets a new password for a user, typed twice. Their sessions end (except the administrator's
// own current one when they reset their own password).
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { NewPasswordFields, readNewPassword } from '@/components/auth/new-password-fields.tsx';
import { resetUserPasswordAction } from '@/lib/actions/users.ts';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string }; isSelf: boolean };

function ResetPasswordForm({ user, close }: Pick<Props, 'user'> & { close: () => void }) {
  const router = useRouter();
  const { busy, errors, setErrors, submit } = useActionForm({ fields: ['password'], report: 'toast' });
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const entered = readNewPassword(new FormData(event.currentTarget));
        if ('errors' in entered) return setErrors(entered.errors);
        if (!(await submit(() => resetUserPasswordAction({ userId: user.id, password: entered.password })))) return;
        toast.success(`Set a new password for ${user.username}`);
        close();
        router.refresh();
      }}
    >
      <NewPasswordFields label="New password" errors={errors} autoFocus />
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
