import { notFound } from 'next/navigation';
import { ProvisionRun } from '@/components/hosts/provision-run.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { isAppError } from '@/lib/errors.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { provisionJobIdSchema } from '@/lib/schemas/provision.ts';
import { readProvisionJob } from '@/lib/services/hosts/provision/read-provision-jobs.ts';

export const metadata = { title: 'Provisioning run' };

export default async function ProvisionRunPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  if (!provisionJobIdSchema.shape.jobId.safeParse(jobId).success) notFound();
  const access = await pageAccess('host.create');
  if (!access.ok) return <Forbidden message={access.message} />;
  const job = await readProvisionJob(getRuntime(), jobId).catch((error) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return <ProvisionRun jobId={jobId} initialJob={job} />;
}
