// /api/v1 endpoints for a host's images, volumes and networks and a swarm's secrets and configs.
// Each makes the one service call its console route or server action makes, with the same schema
// (the image id travels as its hex digits, since a path segment holds no colon) and the same
// requirements. Pulling an image is a job: the answer is the job, polled at its own path.
import 'server-only';
import { z } from 'zod';
import * as out from '@/lib/schemas/api-responses.ts';
import { pullImageSchema, pullJobSchema, removeImageSchema, removeNetworkSchema, removeVolumeSchema } from '@/lib/schemas/containers.ts';
import { createObjectSchema, removeObjectSchema } from '@/lib/schemas/services.ts';
import { hostIdSchema, swarmIdSchema } from '@/lib/schemas/ids.ts';
import { issueText } from '@/lib/i18n/message.ts';
import { awaitPullJob, readPullJob, startImagePull } from '@/lib/services/containers/pull-image.ts';
import { listHostImages, listHostNetworks, listHostVolumes } from '@/lib/services/containers/read-host-resources.ts';
import { removeHostNetwork, removeHostVolume, removeImage } from '@/lib/services/containers/remove-host-resources.ts';
import { createSwarmObject, listSwarmObjects, removeSwarmObject } from '@/lib/services/swarm-services/swarm-objects.ts';
import { endpoint } from './endpoint.ts';

const hostRef = z.object({ hostId: hostIdSchema });
const swarmRef = z.object({ swarmId: swarmIdSchema });
const WAIT_MAX_MS = 30_000;
// `?wait=ms`: a running job is answered when it ends or after that long (a long poll), as the console's own route does.
const pullJobRead = pullJobSchema.extend({
  wait: z.number().int(issueText('apiTokens.api.waitMs', { max: WAIT_MAX_MS })).min(0, issueText('apiTokens.api.waitMs', { max: WAIT_MAX_MS })).max(WAIT_MAX_MS, issueText('apiTokens.api.waitMs', { max: WAIT_MAX_MS })).optional(),
});
const onHost = (permission: 'container.view' | 'container.manage') => (i: { hostId: string }) => ({ permission, target: { type: 'host' as const, id: i.hostId } });
const onSwarm = (permission: 'service.view' | 'service.manage') => (i: { swarmId: string }) => ({ permission, target: { type: 'swarm' as const, id: i.swarmId } });
const removeImageInput = removeImageSchema.extend({ imageId: z.string().regex(/^[a-f0-9]{64}$/, issueText('containers.errors.imageId')) });

const hostResources = [
  endpoint({ method: 'GET', path: '/hosts/{hostId}/images', operationId: 'listImages', summary: "A host's images, with the containers that use them", tag: 'Images', input: hostRef, list: 'door', output: out.imageSchema,
    check: onHost('container.view'), run: async ({ deps, input }) => (await listHostImages(deps, input.hostId)).images }),
  endpoint({ method: 'POST', path: '/hosts/{hostId}/images/pulls', operationId: 'pullImage', summary: 'Start pulling an image on a host: the answer is the pull job, to poll at its own path', tag: 'Images', input: pullImageSchema, output: out.pullJobSchema, status: 201,
    check: onHost('container.manage'), run: ({ deps, actor, input }) => startImagePull(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/hosts/{hostId}/images/pulls/{jobId}', operationId: 'getImagePull', summary: 'A pull job and its progress; with ?wait=ms (up to 30000), a running job is answered when it ends or after that long', tag: 'Images', input: pullJobRead, output: out.pullJobSchema,
    check: onHost('container.view'), run: async ({ deps, input, locale }) => (input.wait ? awaitPullJob(deps, input, input.wait, locale) : readPullJob(deps, input, locale)) }),
  endpoint({ method: 'DELETE', path: '/hosts/{hostId}/images/{imageId}', operationId: 'removeImage', summary: 'Remove an image (imageId: the 64 hex digits after sha256:)', tag: 'Images', input: removeImageInput, output: out.removedSchema,
    check: onHost('container.manage'), run: ({ deps, actor, input }) => removeImage(deps, actor, { ...input, imageId: `sha256:${input.imageId}` }) }),
  endpoint({ method: 'GET', path: '/hosts/{hostId}/volumes', operationId: 'listVolumes', summary: "A host's volumes, with the containers that use them", tag: 'Volumes', input: hostRef, list: 'door', output: out.volumeSchema,
    check: onHost('container.view'), run: async ({ deps, input }) => (await listHostVolumes(deps, input.hostId)).volumes }),
  endpoint({ method: 'DELETE', path: '/hosts/{hostId}/volumes/{name}', operationId: 'removeVolume', summary: 'Remove a volume', tag: 'Volumes', input: removeVolumeSchema, output: out.removedSchema,
    check: onHost('container.manage'), run: ({ deps, actor, input }) => removeHostVolume(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/hosts/{hostId}/networks', operationId: 'listNetworks', summary: "A host's networks, with the containers attached", tag: 'Networks', input: hostRef, list: 'door', output: out.networkSchema,
    check: onHost('container.view'), run: async ({ deps, input }) => (await listHostNetworks(deps, input.hostId)).networks }),
  endpoint({ method: 'DELETE', path: '/hosts/{hostId}/networks/{networkId}', operationId: 'removeNetwork', summary: 'Remove a network', tag: 'Networks', input: removeNetworkSchema, output: out.removedSchema,
    check: onHost('container.manage'), run: ({ deps, actor, input }) => removeHostNetwork(deps, actor, input) }),
];

/** Secrets and configs: the same three endpoints each; a secret's value is never read back. */
const swarmObjects = (['secret', 'config'] as const).flatMap((kind) => {
  const Kind = kind === 'secret' ? 'Secret' : 'Config';
  const tag = `${Kind}s`;
  return [
    endpoint({ method: 'GET', path: `/swarms/{swarmId}/${kind}s`, operationId: `list${Kind}s`, summary: `A swarm's ${kind}s, with the services that use them (never their content)`, tag, input: swarmRef, list: 'door', output: out.swarmObjectSchema,
      check: onSwarm('service.view'), run: ({ deps, input }) => listSwarmObjects(deps, input.swarmId, kind) }),
    endpoint({ method: 'POST', path: `/swarms/{swarmId}/${kind}s`, operationId: `create${Kind}`, summary: `Create a ${kind}`, tag, input: createObjectSchema.omit({ kind: true }), output: out.createdSchema, status: 201,
      check: onSwarm('service.manage'), run: ({ deps, actor, input }) => createSwarmObject(deps, actor, { ...input, kind }) }),
    endpoint({ method: 'DELETE', path: `/swarms/{swarmId}/${kind}s/{id}`, operationId: `remove${Kind}`, summary: `Remove a ${kind} no service uses`, tag, input: removeObjectSchema.omit({ kind: true }), output: out.emptySchema,
      check: onSwarm('service.manage'), run: async ({ deps, actor, input }) => (await removeSwarmObject(deps, actor, { ...input, kind }), {}) }),
  ];
});

export const RESOURCE_ENDPOINTS = [...hostResources, ...swarmObjects];
