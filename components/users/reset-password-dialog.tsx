'use client';
// Sets a new password for a user, typed twice. Their sessions end (except the administrator's
// own current one when they reset their own password).
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { NewPasswordFields, useReadNewPassword } from '@/components/auth/new-password-fields.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { resetUserPasswordAction } from '@/lib/actions/users.ts';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string }; isSelf: boolean };

export function ResetPasswordDialog({ open, onOpenChange, user, isSelf }: Props) {
  const readNewPassword = useReadNewPassword();
  const router = useRouter();
  const form = useActionForm({ fields: ['password'], report: 'toast' });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Reset password for ${user.username}`}
      description={isSelf ? 'Your other sessions are signed out; this one stays signed in.' : `${user.username} is signed out everywhere and must sign in with the new password.`}
      form={form}
      label="Set password"
      onSubmit={async (event) => {
        const entered = readNewPassword(new FormData(event.currentTarget));
        if ('errors' in entered) return form.setErrors(entered.errors);
        if (!(await form.submit(() => resetUserPasswordAction({ userId: user.id, password: entered.password })))) return;
        toast.success(`Set a new password for ${user.username}`);
        onOpenChange(false);
        router.refresh();
      }}
    >
      <NewPasswordFields label="New password" errors={form.errors} autoFocus />
    </FormDialog>
  );
}
