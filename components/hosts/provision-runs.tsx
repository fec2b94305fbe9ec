'use client';
// Every provisioning run, newest first, live: who started it, how far it got, what it is doing.
import { Rocket } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useProvisionJobs } from '@/lib/queries/use-provision.ts';
import type { ProvisionJobSummary } from '@/lib/services/hosts/provision/provision-job-view.ts';
import { ProvisionHostLink } from './host-table.tsx';
import { JobStatusBadge, ProvisionProgress } from './provision-run.tsx';
import { toPercent } from './provision-format.ts';

function currentStep(t: ReturnType<typeof useTranslations<'provisioning.runs'>>, job: ProvisionJobSummary): string {
  if (job.currentStep) return job.currentStep;
  if (job.status === 'queued') return t('waitingToStart');
  if (job.status === 'succeeded') return t('done');
  if (job.cleanedAt) return t('cleanedUp');
  return job.failedStep ? t('stoppedAt', { step: job.failedStep }) : '—';
}

export function ProvisionRuns({ initialJobs }: { initialJobs: ProvisionJobSummary[] }) {
  const t = useTranslations('provisioning.runs');
  const th = useTranslations('hosts.links');
  const { data: jobs = [] } = useProvisionJobs(initialJobs);
  if (jobs.length === 0) {
    return (
      <EmptyState icon={<Rocket className="size-8" />} title={t('emptyTitle')} action={<ProvisionHostLink label={th('provisionFirst')} primary />}>
        {t('emptyText')}
      </EmptyState>
    );
  }
  return (
    <Table
      caption={t('caption')}
      columns={[{ label: t('host') }, { label: t('driver') }, { label: t('status') }, { label: t('currentStep') }, { label: t('progress'), className: 'w-40' }, { label: t('startedBy') }, { label: t('started') }]}
    >
      {jobs.map((job) => (
        <Tr key={job.id}>
          <RowHeader>
            <Link href={`/hosts/provision/${job.id}`} className="whitespace-nowrap font-medium hover:underline">
              {job.hostName}
            </Link>
            {job.status === 'succeeded' && job.hostId && (
              <div className="text-xs">
                <Link href={`/hosts/${job.hostId}`} className="text-accent hover:underline">
                  {t.rich('openHost', { name: job.hostName, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
                </Link>
              </div>
            )}
          </RowHeader>
          <Td className="text-xs">{job.driverLabel}</Td>
          <Td>
            <JobStatusBadge status={job.status} />
          </Td>
          <Td className="max-w-xs text-xs">
            {currentStep(t, job)}
            {job.status === 'failed' && job.error && (
              <div className="mt-1 truncate text-danger" title={job.error}>
                {job.failedStep ? t('failedAt', { step: job.failedStep, error: job.error }) : job.error}
              </div>
            )}
          </Td>
          <Td>
            <div className="flex items-center gap-2">
              <ProvisionProgress job={job} label={t('progressOf', { name: job.hostName })} />
              <span className="w-9 text-right text-xs text-muted">{toPercent(job.progress)}%</span>
            </div>
          </Td>
          <Td className="text-xs">{job.createdByName}</Td>
          <Td className="text-xs text-muted">
            <RelativeTime iso={job.createdAt} />
          </Td>
        </Tr>
      ))}
    </Table>
  );
}
