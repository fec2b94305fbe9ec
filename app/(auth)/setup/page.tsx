import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/setup-form.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { needsSetup } from '@/lib/services/users/setup-first-admin.ts';

export const metadata: Metadata = { title: 'Set up Wharf' };

export default async function SetupPage() {
  if (!(await needsSetup(getRuntime()))) redirect('/login');
  return (
    <>
      <h1 className="text-base font-semibold">Welcome to Wharf</h1>
      <p className="mb-4 mt-1 text-muted">Create the first administrator. There is no default password: this account is the way in. To show that you can reach the machine Wharf runs on, enter the setup token it printed when it started.</p>
      <SetupForm />
    </>
  );
}
