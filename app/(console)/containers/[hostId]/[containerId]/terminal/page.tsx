import { CONTAINER_REF, containerPageTarget, hostNameOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ContainerTerminals } from '@/components/streams/terminal.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { terminalIdleMsFromEnv } from '@/lib/services/streams/terminals/terminal-session.ts';

export const metadata = { title: 'Container terminal' };

// Only container.exec holders see a terminal here; the socket refuses everyone else anyway.
export default async function ContainerTerminalPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await validParams(params, { hostId: hostIdSchema, containerId: CONTAINER_REF });
  const access = await pageAccess('container.exec', await containerPageTarget('container.exec', { hostId, containerId }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  return (
    <>
      <PageHeader
        title="Terminal"
        description={
          <>
            Container <span className="font-mono">{containerId.slice(0, 12)}</span> on {hostName}. Sessions end when this page closes, after{' '}
            {Math.round(terminalIdleMsFromEnv() / 60_000)} minutes without activity, or if your access is withdrawn; each one is audited.
          </>
        }
        actions={<TextLink href={`/containers/${hostId}/${containerId}`}>Container</TextLink>}
      />
      <ContainerTerminals key={`${hostId}/${containerId}`} hostId={hostId} containerId={containerId} />
    </>
  );
}
