import { redirect } from 'next/navigation';
import { HostCards } from '@/components/hosts/host-cards.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';

export const metadata = { title: 'Dashboard' };

// Everyone lands here after signing in. Someone whose grants show no hosts (a team member granted a
// stack, a custom role on containers) is told where to go instead of being refused.
export default async function DashboardPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (!can(actor, 'host.view', ANYWHERE)) {
    return (
      <>
        <PageHeader title="Dashboard" description="Every engine Wharf watches, live." />
        <EmptyState title="No hosts to show">
          Your access does not include seeing hosts. What your grants do include is on the <TextLink href="/stacks">Stacks</TextLink>, <TextLink href="/services">Services</TextLink> and{' '}
          <TextLink href="/containers">Containers</TextLink> pages; an administrator can grant more.
        </EmptyState>
      </>
    );
  }
  // The list keeps only the hosts the grants show (the same function as every door).
  const hosts = await listHosts(getRuntime(), actor);
  return (
    <>
      <PageHeader title="Dashboard" description="Every engine Wharf watches, live." />
      <HostCards initialHosts={hosts} canAdd={can(actor, 'host.create')} />
    </>
  );
}
