'use client';
// A new password typed twice, with the length policy shown; useReadNewPassword() checks the pair.
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/ui/field.tsx';
import { formText } from '@/components/ui/form.tsx';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-policy.ts';
import type { FieldErrors } from '@/lib/errors.ts';

export function NewPasswordFields({ label, errors, autoFocus }: { label?: string; errors: FieldErrors; autoFocus?: boolean }) {
  const t = useTranslations('auth.password');
  return (
    <>
      <TextField
        label={label ?? t('label')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        error={errors.password}
        hint={t('hint', { min: PASSWORD_MIN })}
      />
      <TextField label={t('confirm')} name="confirm" type="password" autoComplete="new-password" required maxLength={PASSWORD_MAX} error={errors.confirm} />
    </>
  );
}

/** Reads the password from a form with NewPasswordFields, or the error to show (in the page's
 * language) when the two differ. */
export function useReadNewPassword(): (form: FormData) => { password: string } | { errors: FieldErrors } {
  const t = useTranslations('auth.password');
  return (form) => {
    const { password, confirm } = formText(form, 'password', 'confirm');
    return password === confirm ? { password } : { errors: { confirm: [t('mismatch')] } };
  };
}
