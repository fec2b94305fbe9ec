import { HostCards } from '@/components/hosts/host-cards.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';

export const metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const access = await pageAccess('host.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const hosts = await listHosts(getRuntime(), access.actor);
  return (
    <>
      <PageHeader title="Dashboard" description="Every engine Wharf watches, live." />
      <HostCards initialHosts={hosts} canAdd={can(access.actor, 'host.create')} />
    </>
  );
}
