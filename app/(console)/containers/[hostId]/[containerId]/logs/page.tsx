import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LogViewer } from '@/components/streams/log-viewer.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export const metadata = { title: 'Container logs' };

const CONTAINER_ID = /^[A-Za-z0-9_.-]{1,128}$/;

// The page is a shell: lines stream over the socket, where every request is authorized again.
export default async function ContainerLogsPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await params;
  if (!hostIdSchema.safeParse(hostId).success || !CONTAINER_ID.test(containerId)) notFound();
  const target = { type: 'host' as const, id: hostId };
  const access = await pageAccess('container.logs', target);
  if (!access.ok) return <Forbidden message={access.message} />;
  const host = await getRuntime().db.host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!host) notFound();
  const base = `/containers/${hostId}/${containerId}`;
  return (
    <>
      <PageHeader
        title="Logs"
        description={
          <>
            Container <span className="font-mono">{containerId.slice(0, 12)}</span> on {host.name}
          </>
        }
        actions={
          <>
            <Link href={base} className="text-sm text-accent hover:underline">
              Container
            </Link>
            {can(access.actor, 'container.exec', target) && (
              <Link href={`${base}/terminal`} className="text-sm text-accent hover:underline">
                Terminal
              </Link>
            )}
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
