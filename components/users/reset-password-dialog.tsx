'use client';
// Sets a new password for a user, typed twice. Their sessions end (except the administrator's
// own current one when they reset their own password).
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { NewPasswordFields, useReadNewPassword } from '@/components/auth/new-password-fields.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { resetUserPasswordAction } from '@/lib/actions/users.ts';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string }; isSelf: boolean };

export function ResetPasswordDialog({ open, onOpenChange, user, isSelf }: Props) {
  const readNewPassword = useReadNewPassword();
  const t = useTranslations('users.resetPassword');
  const router = useRouter();
  const form = useActionForm({ fields: ['password'], report: 'toast' });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('title', { username: user.username })}
      description={isSelf ? t('self') : t('other', { username: user.username })}
      form={form}
      label={t('submit')}
      onSubmit={async (event) => {
        const entered = readNewPassword(new FormData(event.currentTarget));
        if ('errors' in entered) return form.setErrors(entered.errors);
        if (!(await form.submit(() => resetUserPasswordAction({ userId: user.id, password: entered.password })))) return;
        toast.success(t('done', { username: user.username }));
        onOpenChange(false);
        router.refresh();
      }}
    >
      <NewPasswordFields label={t('newPassword')} errors={form.errors} autoFocus />
    </FormDialog>
  );
}
