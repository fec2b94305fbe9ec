import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccessOn, servicePageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ServiceDetail } from '@/components/services/service-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { serviceRefSchema } from '@/lib/schemas/services.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('service') };
}

// The service is read in the browser: a manager that does not answer must not hold the page.
export default async function ServicePage({ params }: { params: Promise<{ swarmId: string; serviceId: string }> }) {
  const { swarmId, serviceId } = await validParams(params, serviceRefSchema);
  const access = await pageAccessOn('service.view', await servicePageTarget(['service.view'], { swarmId, serviceId }));
  if (!access.ok) return <Forbidden message={access.message} />;
  return <ServiceDetail key={`${swarmId}/${serviceId}`} swarmId={swarmId} serviceId={serviceId} canManage={access.can('service.manage')} canRevealEnv={access.can('service.env')} />;
}
