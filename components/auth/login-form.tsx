'use client';
// Sign-in through next-auth: a username and password checked by Wharf or, when LDAP is set up, by
// the directory (a choice above the fields), and a button per OpenID Connect provider. A directory
// sign-in that came back refused carries a code in ?error=, shown as its sentence.
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { TextField } from '@/components/ui/field.tsx';
import { formText } from '@/components/ui/form.tsx';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/ui/field.tsx';
import type { SignInOptions } from '@/lib/models/directory/directory-view.ts';
import { isSignInErrorCode } from '@/lib/models/directory/sign-in-errors.ts';
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

type PasswordPath = 'credentials' | 'ldap';

function PathChoice({ value, onChange }: { value: PasswordPath; onChange: (path: PasswordPath) => void }) {
  const t = useTranslations('auth.signIn');
  const options: [PasswordPath, string][] = [
    ['credentials', t('wharfAccount')],
    ['ldap', t('directory')],
  ];
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1.5 text-sm font-medium">{t('with')}</legend>
      <div className="flex gap-4">
        {options.map(([path, label]) => (
          <label key={path} className="flex items-center gap-2 text-sm">
            <input type="radio" name="path" value={path} checked={value === path} onChange={() => onChange(path)} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function LoginForm({ options }: { options: SignInOptions }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A Wharf password first, unless only break-glass administrators may use one.
  const [path, setPath] = useState<PasswordPath>(options.ldap && options.required ? 'ldap' : 'credentials');
  const code = params.get('error');
  const returned = isSignInErrorCode(code) ? t(`signInErrors.${code}`) : null;
  const callbackUrl = safeCallback(params.get('callbackUrl'));

  return (
    <div className="flex flex-col gap-6">
      {returned && !error && <FormError message={returned} />}
      {options.oidc && (
        <Button variant="secondary" busy={busy} onClick={() => void signIn('oidc', { callbackUrl })}>
          {options.oidc.buttonLabel}
        </Button>
      )}
      {options.oidc && (
        <div className="flex items-center gap-3 text-xs text-muted" aria-hidden>
          <span className="h-px flex-1 bg-border" /> {t('signIn.or')} <span className="h-px flex-1 bg-border" />
        </div>
      )}
      {options.required && path === 'credentials' && (
        <p className="text-sm text-muted">{t('signIn.breakGlassOnly')}</p>
      )}
      <AuthForm
        message={error}
        busy={busy}
        label={t('signIn.submit')}
        onSubmit={async (form) => {
          setBusy(true);
          setError(null);
          const result = await signIn(path, { redirect: false, ...formText(form, 'username', 'password') });
          setBusy(false);
          if (!result || result.error) {
            setError(!result || result.error === 'CredentialsSignin' ? t('signIn.wrongCredentials') : result.error);
            return;
          }
          router.replace(callbackUrl);
          router.refresh();
        }}
      >
        {options.ldap && <PathChoice value={path} onChange={setPath} />}
        <TextField label={t('signIn.username')} name="username" autoComplete="username" required autoFocus maxLength={100} />
        <TextField label={t('signIn.password')} name="password" type="password" autoComplete="current-password" required maxLength={256} />
      </AuthForm>
    </div>
  );
}
