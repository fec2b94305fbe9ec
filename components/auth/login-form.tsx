'use client';
// Username and password sign-in through next-auth.
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';

const HERE = 'http://wharf.invalid';

/** Only paths on this site: never send a user elsewhere after sign-in. Resolves the value the
 * way a browser would (which drops tabs and newlines) and keeps it only if it stays here. */
export function safeCallback(value: string | null): string {
  if (!value || !value.startsWith('/')) return '/';
  try {
    const url = new URL(value, HERE);
    // "/.//evil.com" resolves to the path "//evil.com", which a browser reads as another host.
    if (url.origin !== HERE || url.pathname.startsWith('//')) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
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
