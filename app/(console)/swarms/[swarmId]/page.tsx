import { validParams } from '@/app/(console)/_lib/page-params.ts';
import { SwarmDetail } from '@/components/swarms/swarm-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';

export const metadata = { title: 'Swarm' };

// The cluster itself is read in the browser: a manager that does not answer must not hold the page.
export default async function SwarmPage({ params }: { params: Promise<{ swarmId: string }> }) {
  const { swarmId } = await validParams(params, { swarmId: swarmIdSchema });
  const target = { type: 'swarm' as const, id: swarmId };
  const access = await pageAccess('swarm.view', target);
  if (!access.ok) return <Forbidden message={access.message} />;
  const hosts = can(access.actor, 'host.view') ? await listHosts(getRuntime(), access.actor) : undefined;
  return <SwarmDetail key={swarmId} swarmId={swarmId} canManage={can(access.actor, 'swarm.manage', target)} canSecrets={can(access.actor, 'swarm.secrets', target)} initialHosts={hosts} />;
}
