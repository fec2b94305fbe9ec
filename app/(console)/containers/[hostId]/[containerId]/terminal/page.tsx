import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ContainerTerminals } from '@/components/streams/terminal.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { terminalIdleMsFromEnv } from '@/lib/services/streams/terminals/terminal-session.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export const metadata = { title: 'Container terminal' };

const CONTAINER_ID = /^[A-Za-z0-9_.-]{1,128}$/;

// Only container.exec holders see a terminal here; the socket refuses everyone else anyway.
export default async function ContainerTerminalPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await params;
  if (!hostIdSchema.safeParse(hostId).success || !CONTAINER_ID.test(containerId)) notFound();
  const access = await pageAccess('container.exec', { type: 'host', id: hostId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const host = await getRuntime().db.host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!host) notFound();
  return (
    <>
      <PageHeader
        title="Terminal"
        description={
          <>
            Container <span className="font-mono">{containerId.slice(0, 12)}</span> on {host.name}. Sessions end when this page closes, after{' '}
            {Math.round(terminalIdleMsFromEnv() / 60_000)} minutes without activity, or if your access is withdrawn; each one is audited.
          </>
        }
        actions={
          <Link href={`/containers/${hostId}/${containerId}`} className="text-sm text-accent hover:underline">
            Container
          </Link>
        }
      />
      <ContainerTerminals key={`${hostId}/${containerId}`} hostId={hostId} containerId={containerId} />
    </>
  );
}
