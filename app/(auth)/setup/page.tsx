import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SetupForm } from '@/components/auth/setup-form.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { needsSetup } from '@/lib/services/users/setup-first-admin.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.setup'))('pageTitle') };
}

export default async function SetupPage() {
  if (!(await needsSetup(getRuntime()))) redirect('/login');
  const t = await getTranslations('auth.setup');
  return (
    <>
      <h1 className="text-base font-semibold">{t('welcome')}</h1>
      <p className="mb-4 mt-1 text-muted">{t('intro')}</p>
      <SetupForm />
    </>
  );
}
