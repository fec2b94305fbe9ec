// A stack deploy on the job queue, as its row says it (StackDeploy): the steps it goes through, in
// the order deployStack takes them, what each is called when a reader is told where a deploy is
// (or was interrupted), and how the error a deploy ended with is kept in the row and thrown again
// to the caller waiting on it, unchanged (code, message, problems at their place in the file).
import { AppError, type ErrorCode, type FieldErrors, type ServiceProblem } from '@/lib/errors.ts';
import { isMessage, msg, type Message } from '@/lib/i18n/message.ts';

/** What a running deploy is doing: checking the file, then (through a manager) secrets and configs, networks, services, removing services no longer in the file, and recording the revision. */
export const DEPLOY_STEPS = ['checking', 'secrets-configs', 'networks', 'services', 'prune', 'recording'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

export const isDeployStep = (value: unknown): value is DeployStep => typeof value === 'string' && (DEPLOY_STEPS as readonly string[]).includes(value);

/** The step a row records, said (a deploy not yet taken is waiting to start). */
export const stepSaying = (step: string | null): Message => msg(`stacks.deploySteps.${isDeployStep(step) ? step : 'queued'}`);

/** What a deploy whose replica stopped beating ended with: where it was, and what to do. */
export const interruptedSaying = (stackName: string, step: string | null): Message => msg('stacks.errors.deployInterrupted', { name: stackName, step: stepSaying(step) });

/** What a caller is told when a deploy outlives its wait: still running, where, and where its end will show. */
export const stillRunningSaying = (stackName: string, step: string | null): Message => msg('stacks.errors.deployStillRunning', { name: stackName, step: stepSaying(step) });

/** An error as the row keeps it (JSON): an expected one whole, anything else only as "unexpected". */
export type StoredError = { code: ErrorCode; said: Message | null; message: string; problems?: ServiceProblem[]; fieldErrors?: FieldErrors };

export function storeError(error: unknown): StoredError {
  if (error instanceof AppError) {
    return { code: error.code, said: error.said, message: error.message, ...(error.problems ? { problems: error.problems } : {}), ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
  }
  return { code: 'INTERNAL', said: msg('errors.unexpected'), message: 'Unexpected error' };
}

/** The error a stored one was, to throw to the caller as if the deploy had run in its request. */
export function errorOfStored(stored: StoredError): AppError {
  return new AppError(stored.code, isMessage(stored.said) ? stored.said : stored.message, { problems: stored.problems, fieldErrors: stored.fieldErrors });
}
