import { CONTAINER_REF, containerPageTarget, hostNameOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { LogViewer } from '@/components/streams/log-viewer.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export const metadata = { title: 'Container logs' };

// The page is a shell: lines stream over the socket, where every request is authorized again.
export default async function ContainerLogsPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await validParams(params, { hostId: hostIdSchema, containerId: CONTAINER_REF });
  const access = await pageAccessOn('container.logs', await containerPageTarget('container.logs', { hostId, containerId }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  const base = `/containers/${hostId}/${containerId}`;
  return (
    <>
      <PageHeader
        title="Logs"
        description={
          <>
            Container <span className="font-mono">{containerId.slice(0, 12)}</span> on {hostName}
          </>
        }
        actions={
          <>
            <TextLink href={base}>Container</TextLink>
            {access.can('container.exec') && <TextLink href={`${base}/terminal`}>Terminal</TextLink>}
          </>
        }
      />
      <LogViewer
        key={`${hostId}/${containerId}`}
        source={{ kind: 'container', hostId, containerId }}
        downloadHref={`/api/hosts/${hostId}/containers/${containerId}/logs/download`}
        title={`Logs of ${containerId.slice(0, 12)}`}
      />
    </>
  );
}
