import { foundOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { HostDetail } from '@/components/hosts/host-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { contextNameOf, dockerContextCommand } from '@/lib/services/hosts/lifecycle/issue-cli-bundle.ts';
import { getHost } from '@/lib/services/hosts/read-hosts.ts';

export const metadata = { title: 'Host' };

export default async function HostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await validParams(params, { hostId: hostIdSchema });
  const target = { type: 'host' as const, id: hostId };
  const access = await pageAccess('host.view', target);
  if (!access.ok) return <Forbidden message={access.message} />;
  const host = await foundOr404(getHost(getRuntime(), hostId));
  // The docker context a CLI bundle sets up: its names come from the server's bundle code.
  const cli = host.driver && host.machine?.address
    ? {
        contextName: contextNameOf(host.name),
        command: dockerContextCommand(host.name, host.machine.address),
        days: getRuntime().cliBundleDays,
        // A bundle is root on the engine: only those allowed unrestricted workloads on the host get one.
        canDownload: can(access.actor, 'workload.unrestricted', target),
      }
    : null;
  return (
    <HostDetail
      initialHost={host}
      canEdit={can(access.actor, 'host.update', target)}
      canRemove={can(access.actor, 'host.delete', target)}
      canSsh={can(access.actor, 'host.ssh', target)}
      cli={cli}
    />
  );
}
