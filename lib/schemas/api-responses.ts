// What /api/v1 answers, as zod schemas: the OpenAPI document is generated from them, and the
// contract test checks every answer against that document. Objects list the fields a client may
// rely on; the console may send more (they are open), never fewer.
import { z } from 'zod';

const iso = z.string().describe('ISO 8601 date and time');
const nullableIso = iso.nullable();

export const apiErrorSchema = z
  .object({
    code: z.enum(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT', 'RATE_LIMITED', 'ENGINE_UNREACHABLE', 'ENGINE_ERROR', 'PRECONDITION', 'INTERNAL']),
    message: z.string().describe('A sentence saying what went wrong and what to do.'),
    field: z.string().optional().describe('The first input field that failed, as a dotted path (INVALID_INPUT).'),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe('Every field that failed, with its messages.'),
  })
  .meta({ id: 'Error' });

/** A page of a list: `nextCursor` goes back as `cursor` for the next page (null on the last). */
export const pageSchema = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const hostSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    transport: z.enum(['unix', 'tcp', 'ssh']),
    address: z.string(),
    description: z.string().nullable(),
    status: z.string(),
    statusReason: z.string().nullable(),
    statusSince: iso,
    createdAt: iso,
    driver: z.enum(['generic', 'local', 'digitalocean']).nullable(),
  })
  .meta({ id: 'Host' });

export const swarmSummarySchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    managerHosts: z.array(z.looseObject({ id: z.string(), name: z.string(), status: z.string() })),
    nodes: z.number().int().nullable(),
    managers: z.number().int().nullable(),
  })
  .meta({ id: 'SwarmSummary' });

export const nodeSchema = z
  .looseObject({
    id: z.string(),
    hostname: z.string(),
    role: z.enum(['manager', 'worker']),
    availability: z.enum(['active', 'pause', 'drain']),
    state: z.string(),
    managerStatus: z.string().nullable(),
    engineVersion: z.string(),
    address: z.string(),
    runningTasks: z.number().int(),
  })
  .meta({ id: 'Node' });

export const nodeDetailSchema = z.looseObject({ node: nodeSchema, tasks: z.array(z.looseObject({ id: z.string() })) }).meta({ id: 'NodeDetail' });

export const swarmSchema = z
  .looseObject({ health: z.enum(['ok', 'no-quorum']) })
  .meta({ id: 'Swarm', description: "The swarm's overview through one of its managers: with health `ok`, its nodes and quorum; with `no-quorum`, what Wharf knows of its managers." });

const convergence = z.looseObject({ state: z.string() });

export const serviceSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    mode: z.string(),
    replicas: z.number().int().nullable(),
    running: z.number().int(),
    desired: z.number().int(),
    image: z.string(),
    stack: z.string().nullable(),
    convergence,
  })
  .meta({ id: 'Service' });

export const taskSchema = z
  .looseObject({
    id: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    slot: z.number().int().nullable(),
    nodeId: z.string().nullable(),
    image: z.string(),
    state: z.string(),
    desiredState: z.string(),
    error: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Task' });

export const serviceDetailSchema = z
  .looseObject({ service: serviceSchema, tasks: z.array(taskSchema), hasPreviousSpec: z.boolean(), via: z.string() })
  .meta({ id: 'ServiceDetail', description: 'A service with its tasks; environment values stay masked.' });

export const stackSummarySchema = z
  .looseObject({
    name: z.string(),
    services: z.number().int(),
    tasksRunning: z.number().int(),
    tasksDesired: z.number().int(),
    deployedBy: z.enum(['wharf', 'cli']),
    lastRevision: z.looseObject({ number: z.number().int(), outcome: z.string(), createdAt: iso, createdByName: z.string() }).nullable(),
    convergence,
  })
  .meta({ id: 'StackSummary' });

export const stackDetailSchema = z
  .looseObject({
    name: z.string(),
    services: z.array(z.looseObject({ id: z.string(), name: z.string(), image: z.string() })),
    tasks: z.array(taskSchema),
    revisions: z.array(z.looseObject({ number: z.number().int(), outcome: z.string(), createdAt: iso, createdByName: z.string() })),
    composeText: z.string().nullable(),
    convergence,
  })
  .meta({ id: 'Stack' });

export const deployResultSchema = z
  .looseObject({ revision: z.number().int(), created: z.array(z.string()), updated: z.array(z.string()), removed: z.array(z.string()), warnings: z.array(z.looseObject({ message: z.string() })), via: z.string() })
  .meta({ id: 'DeployResult' });

export const removedStackSchema = z.object({ removed: z.array(z.string()) }).meta({ id: 'RemovedStack' });

export const containerSchema = z
  .looseObject({
    hostId: z.string(),
    hostName: z.string(),
    id: z.string(),
    name: z.string(),
    image: z.string(),
    state: z.string(),
    status: z.string(),
    createdAt: nullableIso,
    stack: z.string().nullable(),
    service: z.string().nullable(),
  })
  .meta({ id: 'Container' });

export const containerDetailSchema = z.looseObject({ id: z.string(), name: z.string() }).meta({ id: 'ContainerDetail', description: "A container as the engine describes it; environment values stay masked." });

export const containerChangeSchema = z.object({ name: z.string(), message: z.string(), changed: z.boolean() }).meta({ id: 'ContainerChange' });

export const auditEntrySchema = z
  .looseObject({
    id: z.string(),
    at: iso,
    actorId: z.string().nullable(),
    actorName: z.string().describe('The user, and "(token <name>)" when they used an API token.'),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    targetName: z.string().nullable(),
    result: z.enum(['pending', 'succeeded', 'failed', 'denied']),
    message: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
