'use client';
// Username and password sign-in through next-auth.
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { TextField } from '@/components/ui/field.tsx';
import { formText } from '@/components/ui/form.tsx';
import { AuthForm } from './auth-form.tsx';

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
    <AuthForm
      message={error}
      busy={busy}
      label="Sign in"
      onSubmit={async (form) => {
        setBusy(true);
        setError(null);
        const result = await signIn('credentials', { redirect: false, ...formText(form, 'username', 'password') });
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
    </AuthForm>
  );
}
