// What a provisioning run does, step by step, per driver; how far along it is; where a retry
// starts. Pure: shared by the runner, the services and the browser.

export const DRIVERS = ['generic', 'local', 'digitalocean'] as const;
export type DriverName = (typeof DRIVERS)[number];

export const STEP_LABELS = {
  'pre-create': 'Pre-create checks',
  'create-machine': 'Creating the machine',
  'wait-ssh': 'Waiting for SSH',
  'detect-os': 'Detecting the operating system',
  'install-docker': 'Installing Docker',
  certificates: 'Generating and copying certificates',
  'configure-daemon': 'Configuring the Docker daemon',
  'check-connection': 'Checking the connection',
} as const;
export type StepKey = keyof typeof STEP_LABELS;

const SSH_STEPS: StepKey[] = ['wait-ssh', 'detect-os', 'install-docker', 'certificates', 'configure-daemon', 'check-connection'];

export const STEPS_BY_DRIVER: Record<DriverName, readonly StepKey[]> = {
  generic: ['pre-create', ...SSH_STEPS],
  digitalocean: ['pre-create', 'create-machine', ...SSH_STEPS],
  local: ['pre-create', 'create-machine', 'certificates', 'configure-daemon', 'check-connection'],
};

export const DRIVER_LABELS: Record<DriverName, string> = {
  generic: 'Existing machine over SSH',
  local: 'Local sandbox',
  digitalocean: 'DigitalOcean droplet',
};

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

export const isActive = (status: JobStatus) => status === 'queued' || status === 'running';
/** A run that stopped before the end: it may be retried from where it stopped, or cleaned up. */
export const isStopped = (status: JobStatus) => status === 'failed' || status === 'cancelled' || status === 'interrupted';

/** Which steps a (re)run executes: everything from the first step that has not succeeded. */
export function stepsToRun(steps: readonly { key: StepKey; status: StepStatus }[]): StepKey[] {
  const first = steps.findIndex((s) => s.status !== 'succeeded' && s.status !== 'skipped');
  return first < 0 ? [] : steps.slice(first).map((s) => s.key);
}

/** 0..1: finished steps count fully, a running one half. */
export function jobProgress(steps: readonly { status: StepStatus }[]): number {
  if (!steps.length) return 0;
  const done = steps.reduce((sum, s) => sum + (s.status === 'succeeded' || s.status === 'skipped' ? 1 : s.status === 'running' ? 0.5 : 0), 0);
  return Math.min(1, done / steps.length);
}

/** Which lifecycle actions a driver offers (Docker Machine's matrix, as far as each driver can). */
export const DRIVER_ABILITIES: Record<DriverName, { power: boolean; deleteMachine: boolean; ssh: boolean }> = {
  generic: { power: true, deleteMachine: false, ssh: true },
  local: { power: true, deleteMachine: true, ssh: false },
  digitalocean: { power: true, deleteMachine: true, ssh: true },
};
