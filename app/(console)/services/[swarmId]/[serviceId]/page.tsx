import { validParams } from '@/app/(console)/_lib/page-params.ts';
import { ServiceDetail } from '@/components/services/service-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { serviceRefSchema } from '@/lib/schemas/services.ts';

export const metadata = { title: 'Service' };

// The service is read in the browser: a manager that does not answer must not hold the page.
export default async function ServicePage({ params }: { params: Promise<{ swarmId: string; serviceId: string }> }) {
  const { swarmId, serviceId } = await validParams(params, serviceRefSchema);
  const target = { type: 'swarm' as const, id: swarmId };
  const access = await pageAccess('service.view', target);
  if (!access.ok) return <Forbidden message={access.message} />;
  return <ServiceDetail key={`${swarmId}/${serviceId}`} swarmId={swarmId} serviceId={serviceId} canManage={can(access.actor, 'service.manage', target)} canRevealEnv={can(access.actor, 'service.env', target)} />;
}
