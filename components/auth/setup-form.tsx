'use client';
// First-run form: creates the first administrator, then signs them in.
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { setupFirstAdminAction } from '@/lib/actions/setup.ts';
import type { FieldErrors } from '@/lib/errors.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-policy.ts';

export function SetupForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const password = String(form.get('password') ?? '');
        if (password !== String(form.get('confirm') ?? '')) {
          setErrors({ confirm: ['The passwords do not match.'] });
          return;
        }
        setBusy(true);
        setMessage(null);
        const username = String(form.get('username') ?? '');
        const result = await setupFirstAdminAction({ username, displayName: String(form.get('displayName') ?? ''), password });
        if (!result.ok) {
          setBusy(false);
          setErrors(result.error.fieldErrors ?? {});
          setMessage(result.error.message);
          return;
        }
        const signedIn = await signIn('credentials', { redirect: false, username: result.data.username, password });
        setBusy(false);
        router.replace(signedIn?.ok ? '/' : '/login');
        router.refresh();
      }}
    >
      <TextField label="Username" name="username" autoComplete="username" required autoFocus maxLength={32} error={errors.username} hint="Lowercase letters, digits, dots, dashes." />
      <TextField label="Display name (optional)" name="displayName" maxLength={80} error={errors.displayName} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} error={errors.password} hint={`At least ${PASSWORD_MIN} characters.`} />
      <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <FormError message={message} />
      <Button type="submit" busy={busy}>
        Create administrator
      </Button>
    </form>
  );
}
