'use client';
// Every provisioning run, newest first, live: who started it, how far it got, what it is doing.
import { Rocket } from 'lucide-react';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useProvisionJobs } from '@/lib/queries/use-provision.ts';
import type { ProvisionJobSummary } from '@/lib/services/hosts/provision/provision-job-view.ts';
import { ProvisionHostLink } from './host-table.tsx';
import { JobStatusBadge, ProvisionProgress } from './provision-run.tsx';
import { toPercent } from './provision-format.ts';

function currentStep(job: ProvisionJobSummary): string {
  if (job.currentStep) return job.currentStep;
  if (job.status === 'queued') return 'Waiting to start';
  if (job.status === 'succeeded') return 'Done';
  if (job.cleanedAt) return 'Cleaned up';
  return job.failedStep ? `Stopped at ${job.failedStep}` : '—';
}

export function ProvisionRuns({ initialJobs }: { initialJobs: ProvisionJobSummary[] }) {
  const { data: jobs = [] } = useProvisionJobs(initialJobs);
  if (jobs.length === 0) {
    return (
      <EmptyState icon={<Rocket className="size-8" />} title="No provisioning runs yet" action={<ProvisionHostLink label="Provision the first host" primary />}>
        Provision a host and Wharf makes a machine ready for Docker step by step: over SSH, in a local sandbox or on a new DigitalOcean droplet. Each run and its logs appear here.
      </EmptyState>
    );
  }
  return (
    <Table
      caption="Provisioning runs"
      columns={[{ label: 'Host' }, { label: 'Driver' }, { label: 'Status' }, { label: 'Current step' }, { label: 'Progress', className: 'w-40' }, { label: 'Started by' }, { label: 'Started' }]}
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
                  Open host<span className="sr-only"> {job.hostName}</span>
                </Link>
              </div>
            )}
          </RowHeader>
          <Td className="text-xs">{job.driverLabel}</Td>
          <Td>
            <JobStatusBadge status={job.status} />
          </Td>
          <Td className="max-w-xs text-xs">
            {currentStep(job)}
            {job.status === 'failed' && job.error && (
              <div className="mt-1 truncate text-danger" title={job.error}>
                {job.failedStep ? `${job.failedStep}: ` : ''}
                {job.error}
              </div>
            )}
          </Td>
          <Td>
            <div className="flex items-center gap-2">
              <ProvisionProgress job={job} label={`Progress of ${job.hostName}`} />
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
