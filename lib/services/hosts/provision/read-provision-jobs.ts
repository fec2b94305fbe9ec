// Reading runs: the latest ones for the list, one with its steps and logs for its page.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import type { ServiceDeps } from '../../deps.ts';
import { toProvisionJobSummary, toProvisionJobView, type ProvisionJobSummary, type ProvisionJobView } from './provision-job-view.ts';

const jobColumns = {
  id: true, hostName: true, driver: true, status: true, options: true, machine: true, hostId: true, failedStep: true, error: true,
  cleanedAt: true, createdByName: true, createdAt: true, startedAt: true, finishedAt: true,
} as const;

/** The latest runs, said in `locale` (step names, errors). */
export async function listProvisionJobs(deps: Pick<ServiceDeps, 'db'>, options: { limit?: number } = {}, locale: Locale = DEFAULT_LOCALE): Promise<ProvisionJobSummary[]> {
  const rows = await deps.db.provisionJob.findMany({
    select: { ...jobColumns, steps: { select: { key: true, label: true, status: true }, orderBy: { position: 'asc' } } },
    orderBy: { createdAt: 'desc' },
    take: Math.min(options.limit ?? 50, 200),
  });
  return rows.map((row) => toProvisionJobSummary(row, locale));
}

/** One run with its steps and logs, said in `locale`. */
export async function readProvisionJob(deps: Pick<ServiceDeps, 'db'>, jobId: string, locale: Locale = DEFAULT_LOCALE): Promise<ProvisionJobView> {
  const row = await deps.db.provisionJob.findUnique({
    where: { id: jobId },
    select: { ...jobColumns, steps: { select: { key: true, label: true, status: true, log: true, error: true, startedAt: true, finishedAt: true }, orderBy: { position: 'asc' } } },
  });
  if (!row) throw new AppError('NOT_FOUND', msg('provisioning.errors.runNotFound'));
  return toProvisionJobView(row, locale);
}
