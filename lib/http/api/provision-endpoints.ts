// /api/v1 endpoints for provisioning runs and the power of provisioned machines: each the one
// service call of the Provisioning page's route or server action, with the same schemas and
// requirements (host.create for runs, host.update on the host for its machine). A run is a job:
// starting answers its id, polled at /provision/runs/{jobId}. Keys and cloud credentials given to a
// run are sealed with it and never answered.
import 'server-only';
import { z } from 'zod';
import * as out from '@/lib/schemas/api-responses.ts';
import { hostIdSchema } from '@/lib/schemas/ids.ts';
import { hostPowerSchema, provisionJobIdSchema, startProvisionSchema } from '@/lib/schemas/provision.ts';
import { controlHostMachine } from '@/lib/services/hosts/lifecycle/control-host-machine.ts';
import { cancelProvision, retryProvision } from '@/lib/services/hosts/provision/control-provision.ts';
import { listProvisionJobs, readProvisionJob } from '@/lib/services/hosts/provision/read-provision-jobs.ts';
import { startProvision } from '@/lib/services/hosts/provision/start-provision.ts';
import { endpoint } from './endpoint.ts';

const runs = { permission: 'host.create' as const };

export const PROVISION_ENDPOINTS = [
  endpoint({ method: 'GET', path: '/provision/runs', operationId: 'listProvisionRuns', summary: 'The latest provisioning runs, newest first', tag: 'Provisioning', input: z.object({}), list: 'door', output: out.provisionRunSummarySchema,
    check: () => runs, run: ({ deps, locale }) => listProvisionJobs(deps, { limit: 200 }, locale) }),
  endpoint({ method: 'POST', path: '/provision/runs', operationId: 'startProvisionRun', summary: 'Start provisioning a host (driver generic, local or digitalocean): the answer is the run, to poll', tag: 'Provisioning', input: z.object({}), body: startProvisionSchema, output: out.startedRunSchema, status: 201,
    check: () => runs, run: ({ deps, actor, input }) => startProvision(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/provision/runs/{jobId}', operationId: 'getProvisionRun', summary: 'One run with its steps and their logs', tag: 'Provisioning', input: provisionJobIdSchema, output: out.provisionRunSchema,
    check: () => runs, run: ({ deps, input, locale }) => readProvisionJob(deps, input.jobId, locale) }),
  endpoint({ method: 'POST', path: '/provision/runs/{jobId}/cancel', operationId: 'cancelProvisionRun', summary: 'Cancel a run that is queued or running', tag: 'Provisioning', input: provisionJobIdSchema, output: out.emptySchema,
    check: () => runs, run: async ({ deps, actor, input }) => (await cancelProvision(deps, actor, input), {}) }),
  endpoint({ method: 'POST', path: '/provision/runs/{jobId}/retry', operationId: 'retryProvisionRun', summary: 'Run a stopped run again from the step that did not succeed', tag: 'Provisioning', input: provisionJobIdSchema, output: out.emptySchema,
    check: () => runs, run: async ({ deps, actor, input }) => (await retryProvision(deps, actor, input), {}) }),
  endpoint({ method: 'POST', path: '/hosts/{hostId}/machine/power', operationId: 'powerHostMachine', summary: "Stop, start or restart a provisioned host's machine (412 for a host Wharf did not provision)", tag: 'Provisioning', input: z.object({ hostId: hostIdSchema, action: hostPowerSchema.shape.action }), output: out.machineLogSchema,
    check: (i) => ({ permission: 'host.update', target: { type: 'host', id: i.hostId } }), run: ({ deps, actor, input }) => controlHostMachine(deps, actor, { id: input.hostId, action: input.action }) }),
];
