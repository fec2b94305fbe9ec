import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccessOn, servicePageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { HistoryPanel } from '@/components/history/history-panel.tsx';
import { ServiceDetail } from '@/components/services/service-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { WebhookCard } from '@/components/webhooks/webhook-card.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { serviceRefSchema } from '@/lib/schemas/services.ts';
import { readWebhook } from '@/lib/services/webhooks/manage-webhooks.ts';
import { OwnerCard } from '@/components/access/owner-card.tsx';
import { readOwner, teamsToMoveTo } from '@/lib/services/access/read-owner.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('service') };
}

// The service is read in the browser: a manager that does not answer must not hold the page.
export default async function ServicePage({ params }: { params: Promise<{ swarmId: string; serviceId: string }> }) {
  const { swarmId, serviceId } = await validParams(params, serviceRefSchema);
  const access = await pageAccessOn('service.view', await servicePageTarget(['service.view'], { swarmId, serviceId }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const canManage = access.can('service.manage');
  // The webhook card, for those who may redeploy the service (a row of Wharf's own: no engine call).
  const webhook = canManage ? await readWebhook(getRuntime(), { kind: 'service', swarmId, serviceId }) : null;
  // Administrators see who owns it and may move it (lib/auth/ownership.ts).
  const object = { kind: 'service' as const, swarmId, serviceId };
  const owner = access.can('team.manage') ? await Promise.all([readOwner(getRuntime(), object), teamsToMoveTo(getRuntime())]) : null;
  return (
    <>
      <ServiceDetail key={`${swarmId}/${serviceId}`} swarmId={swarmId} serviceId={serviceId} canManage={canManage} canRevealEnv={access.can('service.env')} />
      <div className="mt-6">
        <HistoryPanel subject={{ kind: 'service', swarmId, serviceId }} />
      </div>
      {canManage && <WebhookCard owner={{ kind: 'service', swarmId, serviceId }} webhook={webhook} />}
      {owner && <OwnerCard object={object} current={owner[0]} teams={owner[1]} />}
    </>
  );
}
