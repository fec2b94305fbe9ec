import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { foundOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { HostDetail } from '@/components/hosts/host-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { hostIdSchema } from '@/lib/schemas/hosts.ts';
import { contextNameOf, dockerContextCommand } from '@/lib/services/hosts/lifecycle/issue-cli-bundle.ts';
import { getHost } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hosts.pages.detail'))('title') };
}

export default async function HostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await validParams(params, { hostId: hostIdSchema });
  const access = await pageAccessOn('host.view', { type: 'host', id: hostId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const host = await foundOr404(getHost(getRuntime(), hostId, await requestLocale()));
  // The docker context a CLI bundle sets up: its names come from the server's bundle code.
  const cli = host.driver && host.machine?.address
    ? {
        contextName: contextNameOf(host.name),
        command: dockerContextCommand(host.name, host.machine.address),
        days: getRuntime().cliBundleDays,
        // A bundle is root on the engine: only those allowed unrestricted workloads on the host get one.
        canDownload: access.can('workload.unrestricted'),
      }
    : null;
  return (
    <HostDetail
      initialHost={host}
      canEdit={access.can('host.update')}
      canRemove={access.can('host.delete')}
      canSsh={access.can('host.ssh')}
      cli={cli}
    />
  );
}
