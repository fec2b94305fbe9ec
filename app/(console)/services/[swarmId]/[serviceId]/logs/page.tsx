import { servicePageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { LogViewer } from '@/components/streams/log-viewer.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { serviceRefSchema } from '@/lib/schemas/services.ts';

export const metadata = { title: 'Service logs' };

// All the service's tasks merged, each line tagged with its task and node.
export default async function ServiceLogsPage({ params }: { params: Promise<{ swarmId: string; serviceId: string }> }) {
  const { swarmId, serviceId } = await validParams(params, serviceRefSchema);
  const target = await servicePageTarget(['service.view', 'container.logs'], { swarmId, serviceId });
  for (const permission of ['service.view', 'container.logs'] as const) {
    const access = await pageAccess(permission, target);
    if (!access.ok) return <Forbidden message={access.message} />;
  }
  return (
    <>
      <PageHeader
        title="Service logs"
        description={
          <>
            Every task of service <span className="font-mono">{serviceId.slice(0, 12)}</span>, merged; each line shows its task and node.
          </>
        }
        actions={<TextLink href={`/services/${swarmId}/${serviceId}`}>Service</TextLink>}
      />
      <LogViewer key={`${swarmId}/${serviceId}`} source={{ kind: 'service', swarmId, serviceId }} title={`Logs of service ${serviceId.slice(0, 12)}`} />
    </>
  );
}
