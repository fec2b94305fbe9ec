import { hostNameOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { HostSshTerminal } from '@/components/streams/host-ssh-terminal.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { isAppError } from '@/lib/errors.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { terminalIdleMsFromEnv } from '@/lib/services/streams/terminals/terminal-session.ts';
import { describeLogin, hostSshTarget } from '@/lib/services/hosts/ssh/host-ssh-login.ts';

export const metadata = { title: 'SSH' };

// Only host.ssh holders (administrators by default) see a terminal here; the socket refuses
// everyone else anyway. Where Wharf logs in is the driver's; the private key stays on the server.
export default async function HostSshPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await validParams(params, { hostId: hostIdSchema });
  const access = await pageAccess('host.ssh', { type: 'host', id: hostId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hostName = await hostNameOr404(hostId);
  let where: { login: string; hostKey: string } | null = null;
  let unavailable: string | null = null;
  try {
    const { login } = await hostSshTarget(getRuntime(), hostId);
    where = { login: describeLogin(login), hostKey: login.hostKey };
  } catch (error) {
    if (!isAppError(error)) throw error;
    unavailable = error.message;
  }
  return (
    <>
      <PageHeader
        title={`SSH — ${hostName}`}
        description={
          <>
            A shell on the machine behind this host
            {where && (
              <>
                {' '}as <span className="font-mono">{where.login}</span>, checking its host key <span className="font-mono text-xs">{where.hostKey}</span> (pinned when it was provisioned)
              </>
            )}
            . Every session is recorded in the audit log, with its start, end and duration. A session ends when this page closes, after {Math.round(terminalIdleMsFromEnv() / 60_000)} minutes without activity, or if your access is withdrawn.
          </>
        }
        actions={<TextLink href={`/hosts/${hostId}`}>Host</TextLink>}
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
