import { hostNameOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ContainerDetailView } from '@/components/containers/container-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { containerIdSchema } from '@/lib/schemas/containers.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export const metadata = { title: 'Container' };

// The detail is read in the browser (and kept live by the host's engine events).
export default async function ContainerPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await validParams(params, { hostId: hostIdSchema, containerId: containerIdSchema });
  const target = { type: 'host' as const, id: hostId };
  const access = await pageAccess('container.view', target);
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  return (
    <ContainerDetailView
      hostId={hostId}
      hostName={hostName}
      containerId={containerId}
      canManage={can(access.actor, 'container.manage', target)}
      canRevealEnv={can(access.actor, 'container.env', target)}
      canLogs={can(access.actor, 'container.logs', target)}
      canExec={can(access.actor, 'container.exec', target)}
    />
  );
}
