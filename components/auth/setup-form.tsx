'use client';
// First-run form: creates the first administrator, then signs them in. It asks for the setup
// token the console printed when it started (proof of access to the machine, case 42).
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/ui/field.tsx';
import { formText } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { setupFirstAdminAction } from '@/lib/actions/setup.ts';
import { AuthForm } from './auth-form.tsx';
import { NewPasswordFields, useReadNewPassword } from './new-password-fields.tsx';

export function SetupForm() {
  const t = useTranslations('auth');
  const readNewPassword = useReadNewPassword();
  const router = useRouter();
  const { busy, errors, setErrors, message, submit } = useActionForm({ fields: ['token', 'username', 'displayName', 'password'], report: 'inline' });

  return (
    <AuthForm
      message={message}
      busy={busy}
      label={t('setup.submit')}
      onSubmit={async (form) => {
        const entered = readNewPassword(form);
        if ('errors' in entered) return setErrors(entered.errors);
        const done = await submit(() => setupFirstAdminAction({ ...formText(form, 'token', 'username', 'displayName'), password: entered.password }));
        if (!done) return;
        const signedIn = await signIn('credentials', { redirect: false, username: done.data.username, password: entered.password });
        router.replace(signedIn?.ok ? '/' : '/login');
        router.refresh();
      }}
    >
      <TextField
        label={t('setup.token')}
        name="token"
        required
        autoFocus
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        error={errors.token}
        hint={t.rich('setup.tokenHint', { code: (chunks) => <code>{chunks}</code> })}
      />
      <TextField label={t('setup.username')} name="username" autoComplete="username" required maxLength={32} error={errors.username} hint={t('usernameRule')} />
      <TextField label={t('setup.displayName')} name="displayName" maxLength={80} error={errors.displayName} />
      <NewPasswordFields errors={errors} />
    </AuthForm>
  );
}
