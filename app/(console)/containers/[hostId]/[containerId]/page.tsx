import { notFound } from 'next/navigation';
import { ContainerDetailView } from '@/components/containers/container-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { containerIdSchema } from '@/lib/schemas/containers.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export const metadata = { title: 'Container' };

// The detail is read in the browser (and kept live by the host's engine events).
export default async function ContainerPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await params;
  if (!hostIdSchema.safeParse(hostId).success || !containerIdSchema.safeParse(containerId).success) notFound();
  const target = { type: 'host' as const, id: hostId };
  const access = await pageAccess('container.view', target);
  if (!access.ok) return <Forbidden message={access.message} />;
  const host = await getRuntime().db.host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!host) notFound();
  return (
    <ContainerDetailView
      hostId={hostId}
      hostName={host.name}
      containerId={containerId}
      canManage={can(access.actor, 'container.manage', target)}
      canRevealEnv={can(access.actor, 'container.env', target)}
      canLogs={can(access.actor, 'container.logs', target)}
      canExec={can(access.actor, 'container.exec', target)}
    />
  );
}
