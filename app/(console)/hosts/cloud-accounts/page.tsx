import { AddCloudAccountButton, CloudAccounts } from '@/components/hosts/cloud-accounts.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { HOST_SECTIONS } from '@/components/layout/sections.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listCloudCredentials } from '@/lib/services/hosts/cloud/cloud-credentials.ts';

export const metadata = { title: 'Cloud accounts' };

export default async function CloudAccountsPage() {
  // Whoever may provision hosts may see (and use) the saved accounts; managing them is separate.
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const canManage = can(access.actor, 'cloud.manage');
  const accounts = await listCloudCredentials(getRuntime());
  return (
    <>
      <PageHeader
        title="Cloud accounts"
        description={
          canManage
            ? 'DigitalOcean accounts Wharf creates droplets with; their tokens are kept encrypted.'
            : 'DigitalOcean accounts Wharf creates droplets with. Administrators add and remove them.'
        }
        actions={canManage ? <AddCloudAccountButton /> : undefined}
      />
      <SectionTabs label="Hosts sections" sections={HOST_SECTIONS} current="cloud" />
      <CloudAccounts initialAccounts={accounts} canManage={canManage} />
    </>
  );
}
