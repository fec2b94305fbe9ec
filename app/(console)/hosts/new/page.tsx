import { AddHostChoice } from '@/components/hosts/add-host-choice.tsx';
import { HostForm } from '@/components/hosts/host-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';

export const metadata = { title: 'Add host' };

export default async function NewHostPage() {
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  return (
    <>
      <PageHeader title="Add a host" description="Connect an existing Docker engine. Wharf tests the connection before saving it; secrets are stored encrypted and never shown again." />
      <AddHostChoice current="register" />
      <HostForm />
    </>
  );
}
