import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { foundOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { ProvisionRun } from '@/components/hosts/provision-run.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { provisionJobIdSchema } from '@/lib/schemas/provision.ts';
import { readProvisionJob } from '@/lib/services/hosts/provision/read-provision-jobs.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('provisioning.pages.run'))('title') };
}

export default async function ProvisionRunPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await validParams(params, provisionJobIdSchema);
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const job = await foundOr404(readProvisionJob(getRuntime(), jobId, await requestLocale()));
  return <ProvisionRun jobId={jobId} initialJob={job} />;
}
