import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CONTAINER_REF, containerPageTarget, hostNameOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ContainerTerminals } from '@/components/streams/terminal.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { terminalIdleMsFromEnv } from '@/lib/services/streams/terminals/terminal-session.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('terminal') };
}

// Only container.exec holders see a terminal here; the socket refuses everyone else anyway.
export default async function ContainerTerminalPage({ params }: { params: Promise<{ hostId: string; containerId: string }> }) {
  const { hostId, containerId } = await validParams(params, { hostId: hostIdSchema, containerId: CONTAINER_REF });
  const access = await pageAccess('container.exec', await containerPageTarget('container.exec', { hostId, containerId }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  const t = await getTranslations('containers.pages');
  return (
    <>
      <PageHeader
        title={t('terminalTitle')}
        description={t.rich('terminalDescription', { id: containerId.slice(0, 12), host: hostName, minutes: Math.round(terminalIdleMsFromEnv() / 60_000), mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        actions={<TextLink href={`/containers/${hostId}/${containerId}`}>{t('containerLink')}</TextLink>}
      />
      <ContainerTerminals key={`${hostId}/${containerId}`} hostId={hostId} containerId={containerId} />
    </>
  );
}
