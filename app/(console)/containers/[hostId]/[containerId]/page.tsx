import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { containerPageTarget, hostNameOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ContainerDetailView } from '@/components/containers/container-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { containerIdSchema } from '@/lib/schemas/containers.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { OwnerCard } from '@/components/access/owner-card.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readOwner, teamsToMoveTo } from '@/lib/services/access/read-owner.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('detail') };
}

// The detail is read in the browser (and kept live by the host's engine events).
export default async function ContainerPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await validParams(params, { hostId: hostIdSchema, containerId: containerIdSchema });
  const access = await pageAccessOn('container.view', await containerPageTarget('container.view', { hostId, containerId }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  // Administrators see who owns it and may move it (lib/auth/ownership.ts).
  const object = { kind: 'container' as const, hostId, containerId };
  const owner = access.can('team.manage') ? await Promise.all([readOwner(getRuntime(), object), teamsToMoveTo(getRuntime())]) : null;
  return (
    <>
      <ContainerDetailView
        hostId={hostId}
        hostName={hostName}
        containerId={containerId}
        canManage={access.can('container.manage')}
        canRevealEnv={access.can('container.env')}
        canLogs={access.can('container.logs')}
        canExec={access.can('container.exec')}
      />
      {owner && <OwnerCard object={object} current={owner[0]} teams={owner[1]} />}
    </>
  );
}
