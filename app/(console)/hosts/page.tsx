import { AddHostLink, HostTable, ProvisionHostLink } from '@/components/hosts/host-table.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { HOST_SECTIONS } from '@/components/layout/sections.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';

export const metadata = { title: 'Hosts' };

export default async function HostsPage() {
  const access = await pageAccess('host.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const canAdd = can(access.actor, 'host.create');
  const hosts = await listHosts(getRuntime(), access.actor);
  return (
    <>
      <PageHeader
        title="Hosts"
        description="Docker engines Wharf connects to."
        actions={
          canAdd ? (
            <>
              <ProvisionHostLink />
              <AddHostLink />
            </>
          ) : undefined
        }
      />
      {canAdd && <SectionTabs label="Hosts sections" sections={HOST_SECTIONS} current="hosts" />}
      <HostTable initialHosts={hosts} canAdd={canAdd} />
    </>
  );
}
