// What the browser sees of a provisioning run: never its secrets. Pure. Step names, errors and
// the lines Wharf wrote are stored as messages and said here in the reader's language.
import 'server-only';
import { localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { DRIVER_ABILITIES, STEP_LABELS, isActive, isStopped, jobProgress, type DriverName, type JobStatus, type StepKey, type StepStatus } from '@/lib/models/hosts/provision-plan.ts';
import { renderLog } from './step-log.ts';

export type ProvisionStepView = {
  key: string;
  label: string;
  status: StepStatus;
  log: string;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
};

export type ProvisionJobView = {
  id: string;
  hostName: string;
  driver: DriverName;
  driverLabel: string;
  status: JobStatus;
  progress: number;
  options: Record<string, unknown>;
  /** What the run made (address, droplet id…), shown as facts. */
  machine: Record<string, unknown>;
  hostId: string | null;
  failedStep: string | null;
  error: string | null;
  cleanedAt: string | null;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  canCancel: boolean;
  canRetry: boolean;
  canCleanUp: boolean;
  steps: ProvisionStepView[];
};

export type ProvisionJobSummary = Omit<ProvisionJobView, 'steps' | 'options' | 'machine'> & { currentStep: string | null };

type StepRow = { key: string; label: string; status: string; log: string; error: string | null; startedAt: Date | null; finishedAt: Date | null };
type JobRow = {
  id: string; hostName: string; driver: string; status: string; options: unknown; machine: unknown; hostId: string | null; failedStep: string | null;
  error: string | null; cleanedAt: Date | null; createdByName: string; createdAt: Date; startedAt: Date | null; finishedAt: Date | null;
};

/** Only these option keys are ever shown (the rest stays on the server). */
const VISIBLE_OPTIONS = ['address', 'port', 'username', 'region', 'size', 'image', 'description'] as const;
const VISIBLE_MACHINE = ['address', 'sshUser', 'sshPort', 'sshHostKey', 'os', 'dropletId', 'region', 'size', 'image', 'netns', 'hostname'] as const;

function pick(source: unknown, keys: readonly string[]): Record<string, unknown> {
  const record = (source ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => record[k] !== undefined && record[k] !== null && record[k] !== '').map((k) => [k, record[k]]));
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A step's name in `locale`: the run's steps and its clean-up are known; anything else keeps its stored label. */
export function stepLabel(key: string, stored: string | null, locale: Locale): string {
  if (key in STEP_LABELS || key === 'clean-up') return renderMessage({ key: `provisioning.steps.${key as StepKey | 'clean-up'}` }, locale);
  return stored ?? key;
}

function common(row: JobRow, steps: { status: StepStatus }[], locale: Locale) {
  const status = row.status as JobStatus;
  const driver = row.driver as DriverName;
  const cleaned = row.cleanedAt !== null;
  return {
    id: row.id,
    hostName: row.hostName,
    driver,
    driverLabel: driver in DRIVER_ABILITIES ? renderMessage({ key: `provisioning.drivers.${driver}` }, locale) : row.driver,
    status,
    progress: status === 'succeeded' ? 1 : jobProgress(steps),
    hostId: row.hostId,
    failedStep: row.failedStep ? stepLabel(row.failedStep, null, locale) : null,
    error: row.error === null ? null : localizeText(row.error, locale),
    cleanedAt: iso(row.cleanedAt),
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    canCancel: isActive(status),
    canRetry: isStopped(status) && !cleaned,
    canCleanUp: isStopped(status) && !cleaned && (DRIVER_ABILITIES[driver]?.deleteMachine ?? false),
  };
}

export function toProvisionJobView(row: JobRow & { steps: StepRow[] }, locale: Locale = DEFAULT_LOCALE): ProvisionJobView {
  const steps = row.steps.map((s) => ({
    key: s.key,
    label: stepLabel(s.key, s.label, locale),
    status: s.status as StepStatus,
    log: renderLog(s.log, locale),
    error: s.error === null ? null : localizeText(s.error, locale),
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
  }));
  return { ...common(row, steps.filter((s) => s.key !== 'clean-up'), locale), options: pick(row.options, VISIBLE_OPTIONS), machine: pick(row.machine, VISIBLE_MACHINE), steps };
}

export function toProvisionJobSummary(row: JobRow & { steps: Pick<StepRow, 'key' | 'label' | 'status'>[] }, locale: Locale = DEFAULT_LOCALE): ProvisionJobSummary {
  const steps = row.steps.filter((s) => s.key !== 'clean-up').map((s) => ({ ...s, status: s.status as StepStatus }));
  const current = steps.find((s) => s.status === 'running') ?? null;
  return { ...common(row, steps, locale), currentStep: current ? stepLabel(current.key, current.label, locale) : null };
}
