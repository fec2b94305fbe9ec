import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/auth/login-form.tsx';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readSignInOptions } from '@/lib/services/directory/directory-config.ts';
import { needsSetup } from '@/lib/services/users/setup-first-admin.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.signIn'))('title') };
}

export default async function LoginPage() {
  if (await needsSetup(getRuntime())) redirect('/setup');
  if (await currentActor()) redirect('/');
  const t = await getTranslations('auth.signIn');
  return (
    <>
      <h1 className="mb-4 text-base font-semibold">{t('title')}</h1>
      <LoginForm options={await readSignInOptions(getRuntime())} />
    </>
  );
}
