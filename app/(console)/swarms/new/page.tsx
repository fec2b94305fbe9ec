import { CreateSwarmForm } from '@/components/swarms/create-swarm-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';

export const metadata = { title: 'Create a swarm' };

export default async function NewSwarmPage() {
  const access = await pageAccess('swarm.manage');
  if (!access.ok) return <Forbidden message={access.message} />;
  const hosts = await listHosts(getRuntime(), access.actor);
  return (
    <>
      <PageHeader title="Create a swarm" description="The host you pick becomes the swarm's first manager. Other hosts join it afterwards, from the swarm's page." />
      <CreateSwarmForm initialHosts={hosts} canSecrets={can(access.actor, 'swarm.secrets')} />
    </>
  );
}
