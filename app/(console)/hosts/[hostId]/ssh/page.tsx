import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hostNameOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { HostSshTerminal } from '@/components/streams/host-ssh-terminal.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { isAppError, toErrorPayload } from '@/lib/errors.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { terminalIdleMsFromEnv } from '@/lib/services/streams/terminals/terminal-session.ts';
import { describeLogin, hostSshTarget } from '@/lib/services/hosts/ssh/host-ssh-login.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hosts.pages.ssh'))('metaTitle') };
}

// Only host.ssh holders (administrators by default) see a terminal here; the socket refuses
// everyone else anyway. Where Wharf logs in is the driver's; the private key stays on the server.
export default async function HostSshPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await validParams(params, { hostId: hostIdSchema });
  const access = await pageAccess('host.ssh', { type: 'host', id: hostId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  const t = await getTranslations('hosts.pages.ssh');
  let where: { login: string; hostKey: string } | null = null;
  let unavailable: string | null = null;
  try {
    const { login } = await hostSshTarget(getRuntime(), hostId);
    where = { login: describeLogin(login), hostKey: login.hostKey };
  } catch (error) {
    if (!isAppError(error)) throw error;
    unavailable = toErrorPayload(error, await requestLocale()).message;
  }
  const minutes = Math.round(terminalIdleMsFromEnv() / 60_000);
  const mono = (chunks: React.ReactNode) => <span className="font-mono">{chunks}</span>;
  const key = (chunks: React.ReactNode) => <span className="font-mono text-xs">{chunks}</span>;
  return (
    <>
      <PageHeader
        title={t('title', { name: hostName })}
        description={
          where
            ? t.rich('descriptionAs', { login: where.login, hostKey: where.hostKey, minutes, mono, key })
            : t('description', { minutes })
        }
        actions={<TextLink href={`/hosts/${hostId}`}>{t('hostLink')}</TextLink>}
      />
      {unavailable ? (
        <p role="alert" className="text-sm text-danger">
          {unavailable}
        </p>
      ) : (
        <HostSshTerminal hostId={hostId} hostName={hostName} />
      )}
    </>
  );
}
