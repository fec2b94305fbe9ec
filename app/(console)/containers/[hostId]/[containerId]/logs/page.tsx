import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CONTAINER_REF, containerPageTarget, hostNameOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { LogViewer } from '@/components/streams/log-viewer.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('logs') };
}

// The page is a shell: lines stream over the socket, where every request is authorized again.
export default async function ContainerLogsPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await validParams(params, { hostId: hostIdSchema, containerId: CONTAINER_REF });
  const access = await pageAccessOn('container.logs', await containerPageTarget('container.logs', { hostId, containerId }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  const t = await getTranslations('containers.pages');
  const base = `/containers/${hostId}/${containerId}`;
  return (
    <>
      <PageHeader
        title={t('logsTitle')}
        description={t.rich('containerOn', { id: containerId.slice(0, 12), host: hostName, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        actions={
          <>
            <TextLink href={base}>{t('containerLink')}</TextLink>
            {access.can('container.exec') && <TextLink href={`${base}/terminal`}>{t('terminalLink')}</TextLink>}
          </>
        }
      />
      <LogViewer
        key={`${hostId}/${containerId}`}
        source={{ kind: 'container', hostId, containerId }}
        downloadHref={`/api/hosts/${hostId}/containers/${containerId}/logs/download`}
        title={t('logsOf', { id: containerId.slice(0, 12) })}
      />
    </>
  );
}
