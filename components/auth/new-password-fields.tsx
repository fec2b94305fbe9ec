'use client';
// A new password typed twice, with the length policy shown; readNewPassword() checks the pair.
import { TextField } from '@/components/ui/field.tsx';
import { formText } from '@/components/ui/form.tsx';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-policy.ts';
import type { FieldErrors } from '@/lib/errors.ts';

export function NewPasswordFields({ label = 'Password', errors, autoFocus }: { label?: string; errors: FieldErrors; autoFocus?: boolean }) {
  return (
    <>
      <TextField
        label={label}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        error={errors.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
      />
      <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required maxLength={PASSWORD_MAX} error={errors.confirm} />
    </>
  );
}

/** The password from a form with NewPasswordFields, or the error to show when the two differ. */
export function readNewPassword(form: FormData): { password: string } | { errors: FieldErrors } {
  const { password, confirm } = formText(form, 'password', 'confirm');
  return password === confirm ? { password } : { errors: { confirm: ['The passwords do not match.'] } };
}
