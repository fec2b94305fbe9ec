'use client';
// The signed-in user's own password: the current one, then the new one typed twice. Their other
// sessions end; this one stays signed in.
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { NewPasswordFields, useReadNewPassword } from '@/components/auth/new-password-fields.tsx';
import { Button } from '@/components/ui/button.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { Form, formText } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { changeOwnPasswordAction } from '@/lib/actions/account.ts';
import { PASSWORD_MAX } from '@/lib/auth/password-policy.ts';

export function ChangePasswordForm() {
  const t = useTranslations('account.password');
  const readNewPassword = useReadNewPassword();
  const form = useActionForm({ fields: ['currentPassword', 'password'], report: 'inline' });
  return (
    <Form
      aria-label={t('form')}
      className="flex max-w-md flex-col gap-4"
      onSubmit={async (event) => {
        const element = event.currentTarget;
        const data = new FormData(element);
        const entered = readNewPassword(data);
        if ('errors' in entered) return form.setErrors(entered.errors);
        const { currentPassword } = formText(data, 'currentPassword');
        if (!(await form.submit(() => changeOwnPasswordAction({ currentPassword, password: entered.password })))) return;
        element.reset();
        toast.success(t('done'));
      }}
    >
      <TextField label={t('current')} name="currentPassword" type="password" autoComplete="current-password" required maxLength={PASSWORD_MAX} error={form.errors.currentPassword} />
      <NewPasswordFields label={t('new')} errors={form.errors} />
      <FormError message={form.message} />
      <div>
        <Button type="submit" busy={form.busy}>
          {t('submit')}
        </Button>
      </div>
    </Form>
  );
}
