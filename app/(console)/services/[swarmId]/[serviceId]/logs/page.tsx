import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { servicePageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ServiceLogs } from '@/components/services/service-logs.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { serviceRefSchema } from '@/lib/schemas/services.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('serviceLogs') };
}

// All the service's tasks merged, each line tagged with its task and node (by name).
export default async function ServiceLogsPage({ params }: { params: Promise<{ swarmId: string; serviceId: string }> }) {
  const { swarmId, serviceId } = await validParams(params, serviceRefSchema);
  const target = await servicePageTarget(['service.view', 'container.logs'], { swarmId, serviceId });
  for (const permission of ['service.view', 'container.logs'] as const) {
    const access = await pageAccess(permission, target);
    if (!access.ok) return <Forbidden message={access.message} />;
  }
  return <ServiceLogs key={`${swarmId}/${serviceId}`} swarmId={swarmId} serviceId={serviceId} />;
}
