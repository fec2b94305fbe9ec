'use client';
// Username and password sign-in through next-auth.
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';

/** Only paths on this site: never send a user elsewhere after sign-in. */
export function safeCallback(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setBusy(true);
        setError(null);
        const result = await signIn('credentials', {
          redirect: false,
          username: String(form.get('username') ?? ''),
          password: String(form.get('password') ?? ''),
        });
        setBusy(false);
        if (!result || result.error) {
          setError(!result || result.error === 'CredentialsSignin' ? 'Wrong username or password.' : result.error);
          return;
        }
        router.replace(safeCallback(params.get('callbackUrl')));
        router.refresh();
      }}
    >
      <TextField label="Username" name="username" autoComplete="username" required autoFocus maxLength={100} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required maxLength={256} />
      <FormError message={error} />
      <Button type="submit" busy={busy}>
        Sign in
      </Button>
    </form>
  );
}
