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
  .looseObject({ revision: z.number().int(), created: z.array(z.string()), updated: z.array(z.string()), removed: z.array(z.string()), warnings: z.array(z.looseObject({ message: z.string() })), via: z.string(), registries: z.array(z.string()).meta({ description: 'Registries whose credentials went with the services' }) })
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

export const imageSchema = z
  .looseObject({ id: z.string(), shortId: z.string(), tags: z.array(z.string()), dangling: z.boolean(), size: z.number(), createdAt: nullableIso, usedBy: z.array(z.string()) })
  .meta({ id: 'Image' });

export const volumeSchema = z
  .looseObject({ name: z.string(), driver: z.string(), anonymous: z.boolean(), createdAt: nullableIso, usedBy: z.array(z.string()), labels: z.record(z.string(), z.string()) })
  .meta({ id: 'Volume' });

export const networkSchema = z
  .looseObject({ id: z.string(), name: z.string(), driver: z.string(), scope: z.string(), internal: z.boolean(), subnets: z.array(z.string()), builtIn: z.boolean(), usedBy: z.array(z.string()) })
  .meta({ id: 'Network' });

export const pullJobSchema = z
  .looseObject({ id: z.string(), hostId: z.string(), image: z.string(), startedAt: iso, finishedAt: nullableIso, progress: z.looseObject({ state: z.enum(['running', 'succeeded', 'failed']), percent: z.number().nullable() }) })
  .meta({ id: 'PullJob', description: 'A pull running on a host: poll it until `progress.state` is no longer `running`.' });

export const removedSchema = z.object({ message: z.string() }).meta({ id: 'Removed' });

export const swarmObjectSchema = z
  .looseObject({ id: z.string(), name: z.string(), labels: z.record(z.string(), z.string()), stack: z.string().nullable(), createdAt: nullableIso, updatedAt: nullableIso, usedBy: z.array(z.string()) })
  .meta({ id: 'SwarmObject', description: 'A secret or config; its content is never part of it.' });

export const createdSchema = z.object({ id: z.string() }).meta({ id: 'Created' });

export const emptySchema = z.object({}).meta({ id: 'Done' });

export const serviceChangeSchema = z.object({ warnings: z.array(z.string()) }).meta({ id: 'ServiceChange', description: "The swarm has the new spec; tasks converge on their own (poll the service's tasks)." });

export const revisionSchema = z
  .looseObject({ number: z.number().int(), composeText: z.string(), variableNames: z.array(z.string()), fileNames: z.array(z.string()), outcome: z.string(), message: z.string().nullable(), createdAt: iso, createdByName: z.string(), restoredFrom: z.number().int().nullable() })
  .meta({ id: 'StackRevision', description: "A revision's file and the names (never the values) of its variables and files." });

export const userSchema = z
  .looseObject({ id: z.string(), username: z.string(), displayName: z.string().nullable(), role: z.string(), disabled: z.boolean(), createdAt: iso, lastLoginAt: nullableIso })
  .meta({ id: 'User' });

export const teamSummarySchema = z
  .looseObject({ id: z.string(), name: z.string(), description: z.string().nullable(), members: z.number().int(), leads: z.array(z.string()) })
  .meta({ id: 'TeamSummary' });

export const grantSchema = z
  .looseObject({ id: z.string(), subject: z.looseObject({ type: z.enum(['user', 'team']), id: z.string(), name: z.string() }), role: z.looseObject({}), scope: z.looseObject({ type: z.string() }), scopeLabel: z.string() })
  .meta({ id: 'Grant' });

export const teamSchema = z
  .looseObject({ id: z.string(), name: z.string(), description: z.string().nullable(), members: z.array(z.looseObject({})), grants: z.array(grantSchema) })
  .meta({ id: 'Team' });

export const createdUserSchema = z.object({ id: z.string(), username: z.string() }).meta({ id: 'CreatedUser' });

export const registrySchema = z
  .looseObject({ id: z.string(), name: z.string(), kind: z.enum(['dockerhub', 'v2-basic', 'v2-bearer']), preset: z.string().nullable(), address: z.string(), plainHttp: z.boolean(), hasCaCert: z.boolean(), username: z.string().nullable(), hasSecret: z.boolean().describe('Whether a password, token or key is saved (never the value).'), createdAt: iso })
  .meta({ id: 'Registry' });

export const registryUsageSchema = z.object({ stacks: z.array(z.looseObject({ swarmId: z.string(), stackName: z.string(), services: z.array(z.string()) })) }).meta({ id: 'RegistryUsage', description: 'The stacks whose services pull from the registry.' });

export const repositoryPageSchema = z
  .looseObject({ repositories: z.array(z.string()), next: z.string().nullable().describe('Send back as `last` for the next page.'), catalog: z.boolean().describe('false: the registry lists no catalog; read a repository by name.') })
  .meta({ id: 'RepositoryPage' });

export const tagsPageSchema = z
  .looseObject({
    repository: z.string(),
    tags: z.array(z.looseObject({ tag: z.string(), digest: z.string(), mediaType: z.string(), size: z.number(), created: z.string().nullable(), platforms: z.array(z.looseObject({ os: z.string(), architecture: z.string() })) })),
    next: z.string().nullable().describe('Send back as `last` for the next page.'),
    missing: z.array(z.string()),
  })
  .meta({ id: 'TagsPage' });

export const digestResultSchema = z.object({ digest: z.string() }).meta({ id: 'Digest' });

const provisionRunFields = {
  id: z.string(),
  hostName: z.string(),
  driver: z.enum(['generic', 'local', 'digitalocean']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
  progress: z.number(),
  hostId: z.string().nullable(),
  failedStep: z.string().nullable(),
  error: z.string().nullable(),
  createdByName: z.string(),
  createdAt: iso,
};

export const provisionRunSummarySchema = z.looseObject({ ...provisionRunFields, currentStep: z.string().nullable() }).meta({ id: 'ProvisionRunSummary' });

export const provisionRunSchema = z
  .looseObject({ ...provisionRunFields, steps: z.array(z.looseObject({ key: z.string(), label: z.string(), status: z.string(), log: z.string() })) })
  .meta({ id: 'ProvisionRun', description: 'A provisioning run with its steps and their logs (never its key or credentials).' });

export const startedRunSchema = z.object({ jobId: z.string() }).meta({ id: 'StartedRun', description: 'The run started: poll it at /provision/runs/{jobId}.' });

export const machineLogSchema = z.object({ log: z.array(z.string()) }).meta({ id: 'MachineLog' });

export const channelViewSchema = z
  .looseObject({ id: z.string(), name: z.string(), kind: z.string(), urlHint: z.string().describe('Scheme, host and port only: the rest of a URL may carry a token.'), hasSecret: z.boolean(), createdAt: iso })
  .meta({ id: 'NotificationChannel' });

export const savedChannelSchema = z
  .object({ id: z.string(), name: z.string(), generatedSecret: z.string().nullable().describe('A signing secret Wharf made (webhooks, on request): shown this once.') })
  .meta({ id: 'SavedChannel' });

export const ruleViewSchema = z
  .looseObject({ id: z.string(), channelId: z.string(), events: z.array(z.string()), hostId: z.string().nullable(), swarmId: z.string().nullable(), stackName: z.string().nullable(), scopeName: z.string().nullable() })
  .meta({ id: 'NotificationRule' });

export const deliverySchema = z
  .looseObject({ id: z.string(), channelId: z.string(), event: z.string(), title: z.string(), test: z.boolean(), status: z.enum(['pending', 'delivered', 'failed']), attempts: z.number().int(), lastAnswer: z.string().nullable(), createdAt: iso, updatedAt: iso, nextAttemptAt: nullableIso })
  .meta({ id: 'NotificationDelivery' });

export const verdictSchema = z.object({ delivered: z.boolean(), answer: z.string() }).meta({ id: 'DeliveryVerdict' });

export const roleSchema = z
  .looseObject({ key: z.string().describe('A built-in role\'s key, or a custom role\'s id.'), name: z.string(), description: z.string(), builtin: z.boolean(), permissions: z.array(z.string()), grants: z.number().int() })
  .meta({ id: 'Role' });

export const gitSourceSchema = z
  .object({
    url: z.string().describe('Without credentials'),
    ref: z.string(),
    composePath: z.string(),
    hasToken: z.boolean(),
    sshPublicKey: z.string().nullable().describe("SSH: the deploy key's public half (the private key is never answered)"),
    hostKey: z.string().nullable().describe('SSH: the host key fingerprint the server must show'),
    hostKeyTrust: z.enum(['given', 'first-use']).nullable(),
    pollSeconds: z.number().int(),
    paused: z.boolean(),
    autoApply: z.boolean(),
    seenCommit: z.string().nullable(),
    seenCompose: z.string().nullable(),
    deployedCommit: z.string().nullable(),
    deployedRevision: z.object({ number: z.number().int(), composeText: z.string() }).nullable(),
    checkedAt: z.string().nullable(),
    lastError: z.string().nullable().describe('Why the last check or apply failed (the running stack was left as it was)'),
  })
  .meta({ id: 'GitSource' });

export const gitDeployResultSchema = z.object({ revision: z.number().int(), commit: z.string() }).meta({ id: 'GitDeployResult' });

export const gitCheckSchema = z.object({ commit: z.string(), changed: z.boolean(), applied: z.number().int().nullable() }).meta({ id: 'GitCheck' });

export const deployKeySchema = z
  .object({ publicKey: z.string().describe('Paste into the git host'), generatedKey: z.string().describe('The private key sealed for you: give it back as generatedKey when creating or changing a git stack') })
  .meta({ id: 'DeployKey' });
