// Whether a service (or a stack) runs what it was asked to, judged from its task counts and its
// tasks: a deploy call can succeed while every task is rejected ("No such image"), so the
// outcome of the deploy and the state of the tasks are told apart. Pure.

export type ConvergenceState = 'running' | 'converging' | 'degraded' | 'failed';

export type ServiceCounts = { name: string; running: number; desired: number; /** the spec's last change; older task failures are history */ updatedAt: string | null };
export type TaskFacts = { serviceName: string; state: string; desiredState: string; error: string | null; updatedAt: string };

export type Convergence = { state: ConvergenceState; /** distinct task errors, newest first, each with its service */ errors: { service: string; error: string }[] };

const FAILED_STATES = new Set(['failed', 'rejected']);
/** How many distinct errors are kept per service: enough to name the cause without flooding. */
const ERRORS_KEPT = 3;

const newer = (a: TaskFacts, b: TaskFacts) => b.updatedAt.localeCompare(a.updatedAt);

/** A service's errors since its spec last changed: tasks that failed or were rejected, and tasks
 * meant to run that report an error (a pending task with no suitable node). */
function errorsOf(service: ServiceCounts, tasks: TaskFacts[]): string[] {
  const since = service.updatedAt ?? '';
  const messages = tasks
    .filter((t) => t.serviceName === service.name && t.error)
    .filter((t) => (FAILED_STATES.has(t.state) && t.updatedAt >= since) || t.desiredState === 'running')
    .sort(newer)
    .map((t) => t.error!.trim());
  return [...new Set(messages)].slice(0, ERRORS_KEPT);
}

/**
 * running: every task wanted runs; converging: not yet, and nothing has failed; degraded: some
 * run but tasks fail; failed: none of its tasks runs and they fail.
 */
export function serviceConvergence(service: ServiceCounts, tasks: TaskFacts[]): Convergence {
  if (service.running >= service.desired) return { state: 'running', errors: [] };
  const errors = errorsOf(service, tasks).map((error) => ({ service: service.name, error }));
  if (errors.length === 0) return { state: 'converging', errors };
  return { state: service.running > 0 ? 'degraded' : 'failed', errors };
}

/** A stack is running when all its services are; failed when every service failed; degraded when some did. */
export function stackConvergence(services: ServiceCounts[], tasks: TaskFacts[]): Convergence {
  const judged = services.map((s) => serviceConvergence(s, tasks));
  const errors = judged.flatMap((j) => j.errors);
  const states = new Set(judged.map((j) => j.state));
  if (judged.length > 0 && judged.every((j) => j.state === 'failed')) return { state: 'failed', errors };
  if (states.has('failed') || states.has('degraded')) return { state: 'degraded', errors };
  if (states.has('converging')) return { state: 'converging', errors };
  return { state: 'running', errors };
}
