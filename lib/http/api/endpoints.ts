// Every /api/v1 endpoint. Each makes the one service call its page, route or server action makes,
// with the same schema and the same requirements; nothing here is a second implementation.
import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { ANYWHERE, type Requirement } from '@/lib/auth/permissions.ts';
import * as out from '@/lib/schemas/api-responses.ts';
import { containerRefSchema, removeContainerSchema } from '@/lib/schemas/containers.ts';
import { hostIdSchema, swarmIdSchema } from '@/lib/schemas/ids.ts';
import { scaleServiceSchema, serviceImageSchema, serviceRefSchema } from '@/lib/schemas/services.ts';
import { deployStackSchema, removeStackSchema, rollbackStackSchema, stackRefSchema } from '@/lib/schemas/stacks.ts';
import { onContainer, onService, onStack as locatedStack } from '@/lib/services/access/locate-target.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { readableAuditActors } from '@/lib/services/access/audit-readers.ts';
import { listAuditEntries } from '@/lib/services/audit/list-audit-entries.ts';
import { changeContainerState, removeContainer } from '@/lib/services/containers/change-container.ts';
import { listContainers } from '@/lib/services/containers/list-containers.ts';
import { readContainer } from '@/lib/services/containers/read-container.ts';
import { getHost, listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { listStacks, readStack } from '@/lib/services/stacks/read-stacks.ts';
import { removeStack } from '@/lib/services/stacks/remove-stack.ts';
import { forceRedeploy, listSwarmServices, readService, rollbackService, scaleService, updateServiceImage } from '@/lib/services/swarm-services/manage-services.ts';
import { readRevision, rollbackStack } from '@/lib/services/stacks/stack-revisions.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';
import { readNode, readSwarmOverview } from '@/lib/services/swarms/read-swarm.ts';
import { ADMIN_ENDPOINTS } from './admin-endpoints.ts';
import { endpoint, type Endpoint } from './endpoint.ts';
import { GIT_STACK_ENDPOINTS } from './git-stack-endpoints.ts';
import { NOTIFICATION_ENDPOINTS } from './notification-endpoints.ts';
import { PROVISION_ENDPOINTS } from './provision-endpoints.ts';
import { REGISTRY_ENDPOINTS } from './registry-endpoints.ts';
import { RESOURCE_ENDPOINTS } from './resource-endpoints.ts';

const none = z.object({});
const hostRef = z.object({ hostId: hostIdSchema });
const swarmRef = z.object({ swarmId: swarmIdSchema });
const nodeRef = swarmRef.extend({ nodeId: z.string().regex(/^[a-z0-9]{10,40}$/, 'Not a node id.') });
const revisionRef = stackRefSchema.extend({ number: z.coerce.number().int().min(1) });
/** On the stack, with the owner its services record (read when the token's grants do not reach it whoever owns it). */
const onStack = (input: { swarmId: string; stackName: string }, permission: 'stack.view' | 'stack.deploy', actor: Actor, deps: ServiceDeps): Promise<Requirement> => locatedStack(deps, actor, permission, input);

const hosts = [
  endpoint({ method: 'GET', path: '/hosts', operationId: 'listHosts', summary: 'The hosts you may see', tag: 'Hosts', input: none, list: 'door', output: out.hostSchema,
    check: () => ({ permission: 'host.view', target: ANYWHERE }), run: ({ deps, actor, locale }) => listHosts(deps, actor, locale) }),
  endpoint({ method: 'GET', path: '/hosts/{hostId}', operationId: 'getHost', summary: 'One host', tag: 'Hosts', input: hostRef, output: out.hostSchema,
    check: (i) => ({ permission: 'host.view', target: { type: 'host', id: i.hostId } }), run: ({ deps, input, locale }) => getHost(deps, input.hostId, locale) }),
];

const swarms = [
  endpoint({ method: 'GET', path: '/swarms', operationId: 'listSwarms', summary: 'The swarms you may see', tag: 'Swarms', input: none, list: 'door', output: out.swarmSummarySchema,
    check: () => ({ permission: 'swarm.view', target: ANYWHERE }), run: ({ deps, actor }) => listSwarms(deps, actor) }),
  endpoint({ method: 'GET', path: '/swarms/{swarmId}', operationId: 'getSwarm', summary: 'A swarm, its nodes and quorum, through one of its managers', tag: 'Swarms', input: swarmRef, output: out.swarmSchema,
    check: (i) => ({ permission: 'swarm.view', target: { type: 'swarm', id: i.swarmId } }), run: ({ deps, input, locale }) => readSwarmOverview(deps, input.swarmId, locale) }),
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/nodes', operationId: 'listNodes', summary: "A swarm's nodes", tag: 'Swarms', input: swarmRef, list: 'door', output: out.nodeSchema,
    check: (i) => ({ permission: 'swarm.view', target: { type: 'swarm', id: i.swarmId } }),
    run: async ({ deps, input }) => {
      const overview = await readSwarmOverview(deps, input.swarmId);
      if (overview.health !== 'ok') throw new AppError('PRECONDITION', overview.message);
      return overview.nodes;
    } }),
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/nodes/{nodeId}', operationId: 'getNode', summary: 'One node of a swarm, with its tasks', tag: 'Swarms', input: nodeRef, output: out.nodeDetailSchema,
    check: (i) => ({ permission: 'swarm.view', target: { type: 'swarm', id: i.swarmId } }), run: ({ deps, input }) => readNode(deps, input.swarmId, input.nodeId) }),
];

const services = [
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/services', operationId: 'listServices', summary: 'The services of a swarm you may see', tag: 'Services', input: swarmRef, list: 'door', output: out.serviceSchema,
    check: (i) => ({ permission: 'service.view', target: { type: 'in-swarm', id: i.swarmId } }), run: async ({ deps, actor, input }) => (await listSwarmServices(deps, input.swarmId, actor)).services }),
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/services/{serviceId}', operationId: 'getService', summary: 'One service with its tasks', tag: 'Services', input: serviceRefSchema, output: out.serviceDetailSchema,
    check: (i, actor, deps) => onService(deps, actor, ['service.view'], i), run: ({ deps, input }) => readService(deps, input.swarmId, input.serviceId) }),
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/services/{serviceId}/tasks', operationId: 'listServiceTasks', summary: "A service's current tasks", tag: 'Services', input: serviceRefSchema, list: 'door', output: out.taskSchema,
    check: (i, actor, deps) => onService(deps, actor, ['service.view'], i), run: async ({ deps, input }) => (await readService(deps, input.swarmId, input.serviceId)).tasks }),
  endpoint({ method: 'POST', path: '/swarms/{swarmId}/services/{serviceId}/scale', operationId: 'scaleService', summary: 'Set the replicas of a replicated service', tag: 'Services', input: scaleServiceSchema, output: out.serviceChangeSchema,
    check: (i, actor, deps) => onService(deps, actor, ['service.manage'], i), run: ({ deps, actor, input }) => scaleService(deps, actor, input) }),
  endpoint({ method: 'POST', path: '/swarms/{swarmId}/services/{serviceId}/image', operationId: 'updateServiceImage', summary: "Change a service's image (checked against the workload policy)", tag: 'Services', input: serviceImageSchema, output: out.serviceChangeSchema,
    check: (i, actor, deps) => onService(deps, actor, ['service.manage'], i), run: ({ deps, actor, input }) => updateServiceImage(deps, actor, input) }),
  endpoint({ method: 'POST', path: '/swarms/{swarmId}/services/{serviceId}/redeploy', operationId: 'redeployService', summary: "Replace a service's tasks with the same spec (force update)", tag: 'Services', input: serviceRefSchema, output: out.serviceChangeSchema,
    check: (i, actor, deps) => onService(deps, actor, ['service.manage'], i), run: ({ deps, actor, input }) => forceRedeploy(deps, actor, input) }),
  endpoint({ method: 'POST', path: '/swarms/{swarmId}/services/{serviceId}/rollback', operationId: 'rollbackService', summary: 'Return a service to its previous spec', tag: 'Services', input: serviceRefSchema, output: out.serviceChangeSchema,
    check: (i, actor, deps) => onService(deps, actor, ['service.manage'], i), run: ({ deps, actor, input }) => rollbackService(deps, actor, input) }),
];

const stacks = [
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/stacks', operationId: 'listStacks', summary: 'The stacks of a swarm you may see', tag: 'Stacks', input: swarmRef, list: 'door', output: out.stackSummarySchema,
    check: (i) => ({ permission: 'stack.view', target: { type: 'in-swarm', id: i.swarmId } }), run: async ({ deps, actor, input }) => (await listStacks(deps, input.swarmId, actor)).stacks }),
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/stacks/{stackName}', operationId: 'getStack', summary: 'A stack: services, tasks, revisions and its file', tag: 'Stacks', input: stackRefSchema, output: out.stackDetailSchema,
    check: (i, actor, deps) => onStack(i, 'stack.view', actor, deps), run: ({ deps, input, locale }) => readStack(deps, input.swarmId, input.stackName, locale) }),
  endpoint({ method: 'PUT', path: '/swarms/{swarmId}/stacks/{stackName}', operationId: 'deployStack', summary: 'Deploy a stack, or update it, as a new revision (checked against the workload policy)', tag: 'Stacks', input: deployStackSchema, output: out.deployResultSchema,
    check: (i, actor, deps) => onStack(i, 'stack.deploy', actor, deps), run: ({ deps, actor, input }) => deployStack(deps, actor, input) }),
  endpoint({ method: 'DELETE', path: '/swarms/{swarmId}/stacks/{stackName}', operationId: 'removeStack', summary: "Remove a stack (confirmName: the stack's name)", tag: 'Stacks', input: removeStackSchema, output: out.removedStackSchema,
    check: (i, actor, deps) => onStack(i, 'stack.deploy', actor, deps), run: ({ deps, actor, input }) => removeStack(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/swarms/{swarmId}/stacks/{stackName}/revisions/{number}', operationId: 'getStackRevision', summary: "One revision of a stack: its file and the names of its variables and files", tag: 'Stacks', input: revisionRef, output: out.revisionSchema,
    check: (i, actor, deps) => onStack(i, 'stack.view', actor, deps), run: ({ deps, input, locale }) => readRevision(deps, input.swarmId, input.stackName, input.number, locale) }),
  endpoint({ method: 'POST', path: '/swarms/{swarmId}/stacks/{stackName}/rollback', operationId: 'rollbackStack', summary: 'Deploy an earlier revision again, as a new revision', tag: 'Stacks', input: rollbackStackSchema, output: out.deployResultSchema,
    check: (i, actor, deps) => onStack(i, 'stack.deploy', actor, deps), run: ({ deps, actor, input }) => rollbackStack(deps, actor, input) }),
];

const containerVerbs = (['start', 'stop', 'restart'] as const).map((verb) =>
  endpoint({ method: 'POST', path: `/hosts/{hostId}/containers/{containerId}/${verb}`, operationId: `${verb}Container`, summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} a container`, tag: 'Containers', input: containerRefSchema, output: out.containerChangeSchema,
    check: (i, actor, deps) => onContainer(deps, actor, 'container.manage', i), run: ({ deps, actor, input }) => changeContainerState(deps, actor, { ...input, verb }) }),
);

const containers = [
  endpoint({ method: 'GET', path: '/hosts/{hostId}/containers', operationId: 'listContainers', summary: "A host's containers you may see", tag: 'Containers', input: hostRef, list: 'door', output: out.containerSchema,
    check: () => ({ permission: 'container.view', target: ANYWHERE }),
    run: async ({ deps, actor, input }) => {
      const listed = await listContainers(deps, actor, { hostId: input.hostId });
      const failed = listed.hosts.find((h) => !h.ok);
      if (failed) throw new AppError('ENGINE_UNREACHABLE', failed.error ?? msg('apiTokens.api.listFailed', { host: failed.hostName }));
      return listed.containers;
    } }),
  endpoint({ method: 'GET', path: '/hosts/{hostId}/containers/{containerId}', operationId: 'getContainer', summary: 'One container', tag: 'Containers', input: containerRefSchema, output: out.containerDetailSchema,
    check: (i, actor, deps) => onContainer(deps, actor, 'container.view', i), run: ({ deps, input }) => readContainer(deps, input) }),
  ...containerVerbs,
  endpoint({ method: 'DELETE', path: '/hosts/{hostId}/containers/{containerId}', operationId: 'removeContainer', summary: 'Remove a container', tag: 'Containers', input: removeContainerSchema, output: out.containerChangeSchema,
    check: (i, actor, deps) => onContainer(deps, actor, 'container.manage', i), run: ({ deps, actor, input }) => removeContainer(deps, actor, input) }),
];

const auditQuery = z.object({
  actor: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  result: z.enum(['pending', 'succeeded', 'failed', 'denied']).optional(),
});

const audit = [
  endpoint({ method: 'GET', path: '/audit', operationId: 'listAuditEntries', summary: 'The audit log, newest first: every entry with audit.view everywhere, else yours and your teams\' members\'', tag: 'Audit', input: auditQuery, list: 'service', output: out.auditEntrySchema,
    // As the Audit page: any signed-in user, who reads only the rows readableAuditActors allows.
    check: () => [],
    run: async ({ deps, actor, input, page }) => {
      const actorIds = await readableAuditActors(deps, actor);
      const { entries, nextCursor } = await listAuditEntries(deps, { ...input, ...(actorIds ? { actorIds } : {}), limit: Math.min(page.limit, 200), before: page.cursor ? BigInt(page.cursor) : undefined });
      return { items: entries, nextCursor };
    } }),
];

export const API_ENDPOINTS: readonly Endpoint[] = [...hosts, ...swarms, ...services, ...stacks, ...GIT_STACK_ENDPOINTS, ...containers, ...RESOURCE_ENDPOINTS, ...REGISTRY_ENDPOINTS, ...PROVISION_ENDPOINTS, ...NOTIFICATION_ENDPOINTS, ...ADMIN_ENDPOINTS, ...audit];
