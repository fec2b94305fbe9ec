// What the browser sees of a provisioning run: never its secrets. Pure.
import 'server-only';
import { DRIVER_ABILITIES, DRIVER_LABELS, STEP_LABELS, isActive, isStopped, jobProgress, type DriverName, type JobStatus, type StepKey, type StepStatus } from '@/lib/models/hosts/provision-plan.ts';

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

function common(row: JobRow, steps: { status: StepStatus }[]) {
  const status = row.status as JobStatus;
  const driver = row.driver as DriverName;
  const cleaned = row.cleanedAt !== null;
  return {
    id: row.id,
    hostName: row.hostName,
    driver,
    driverLabel: DRIVER_LABELS[driver] ?? row.driver,
    status,
    progress: status === 'succeeded' ? 1 : jobProgress(steps),
    hostId: row.hostId,
    failedStep: row.failedStep ? (STEP_LABELS[row.failedStep as StepKey] ?? row.failedStep) : null,
    error: row.error,
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

export function toProvisionJobView(row: JobRow & { steps: StepRow[] }): ProvisionJobView {
  const steps = row.steps.map((s) => ({
    key: s.key,
    label: s.label,
    status: s.status as StepStatus,
    log: s.log,
    error: s.error,
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
  }));
  return { ...common(row, steps.filter((s) => s.key !== 'clean-up')), options: pick(row.options, VISIBLE_OPTIONS), machine: pick(row.machine, VISIBLE_MACHINE), steps };
}

export function toProvisionJobSummary(row: JobRow & { steps: Pick<StepRow, 'key' | 'label' | 'status'>[] }): ProvisionJobSummary {
  const steps = row.steps.filter((s) => s.key !== 'clean-up').map((s) => ({ ...s, status: s.status as StepStatus }));
  const current = steps.find((s) => s.status === 'running') ?? null;
  return { ...common(row, steps), currentStep: current?.label ?? null };
}
