import { ProvisionHostLink } from '@/components/hosts/host-table.tsx';
import { ProvisionRuns } from '@/components/hosts/provision-runs.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { HOST_SECTIONS } from '@/components/layout/sections.ts';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listProvisionJobs } from '@/lib/services/hosts/provision/read-provision-jobs.ts';

export const metadata = { title: 'Provisioning' };

export default async function ProvisioningPage() {
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const jobs = await listProvisionJobs(getRuntime());
  return (
    <>
      <PageHeader title="Provisioning" description="Every run that made, or tried to make, a host: newest first, live." actions={<ProvisionHostLink primary />} />
      <SectionTabs label="Hosts sections" sections={HOST_SECTIONS} current="provisioning" />
      <ProvisionRuns initialJobs={jobs} />
    </>
  );
}
