// /api/v1 endpoints for registries: each the one service call of the Registries page's route or
// server action, with the same schemas and requirements (registry.view to read, registry.manage to
// add, change, test and remove, registry.push to delete and retag tags). A registry's secret is
// sealed and never answered (`hasSecret` says whether one is saved). Pulling repository:tag onto a
// host is a job, polled at the host's pull path.
import 'server-only';
import { z } from 'zod';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import * as out from '@/lib/schemas/api-responses.ts';
import { hostIdSchema } from '@/lib/schemas/ids.ts';
import { browseTagsSchema, deleteTagSchema, pageMarker, registryFormSchema, registryIdSchema, repositorySchema, retagSchema, tagSchema } from '@/lib/schemas/registries.ts';
import { listRegistries, listRepositories, listTags, readRegistryUsage, readRegistryView } from '@/lib/services/registries/browse-registry.ts';
import { deleteTag, retagImage } from '@/lib/services/registries/change-tags.ts';
import { pullFromRegistry } from '@/lib/services/registries/pull-from-registry.ts';
import { addRegistry, removeRegistry, testRegistry, updateRegistry } from '@/lib/services/registries/save-registry.ts';
import { endpoint } from './endpoint.ts';

const registryRef = z.object({ registryId: registryIdSchema });
const onRegistry = (permission: 'registry.view' | 'registry.manage' | 'registry.push') => (i: { registryId: string }) => ({ permission, target: { type: 'registry' as const, id: i.registryId } });
const last = z.string().max(512).optional().describe('The `next` of the previous page.');
const tagRef = browseTagsSchema.extend({ tag: tagSchema, digest: deleteTagSchema.shape.digest });
const pullInput = z.object({ registryId: registryIdSchema, hostId: hostIdSchema, repository: repositorySchema, tag: tagSchema });

export const REGISTRY_ENDPOINTS = [
  endpoint({ method: 'GET', path: '/registries', operationId: 'listRegistries', summary: 'The registries you may see (never their secrets)', tag: 'Registries', input: z.object({}), list: 'door', output: out.registrySchema,
    check: () => ({ permission: 'registry.view', target: ANYWHERE }), run: ({ deps, actor }) => listRegistries(deps, actor) }),
  endpoint({ method: 'POST', path: '/registries', operationId: 'createRegistry', summary: 'Add a registry after testing its settings (registry.manage everywhere); its secret is sealed', tag: 'Registries', input: z.object({}), body: registryFormSchema, output: out.registrySchema, status: 201,
    check: () => ({ permission: 'registry.manage' }), run: ({ deps, actor, input }) => addRegistry(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/registries/{registryId}', operationId: 'getRegistry', summary: 'One registry (never its secret)', tag: 'Registries', input: registryRef, output: out.registrySchema,
    check: onRegistry('registry.view'), run: ({ deps, input }) => readRegistryView(deps, input.registryId) }),
  endpoint({ method: 'PUT', path: '/registries/{registryId}', operationId: 'updateRegistry', summary: "Change a registry's settings after testing them (an empty secret keeps the saved one)", tag: 'Registries', input: registryRef, body: registryFormSchema, output: out.registrySchema,
    check: onRegistry('registry.manage'), run: ({ deps, actor, input }) => updateRegistry(deps, actor, input.registryId, input) }),
  endpoint({ method: 'POST', path: '/registries/{registryId}/test', operationId: 'testRegistry', summary: "Test settings for a registry (an empty secret tests the saved one); nothing is saved", tag: 'Registries', input: registryRef, body: registryFormSchema, output: out.emptySchema,
    check: onRegistry('registry.manage'), run: async ({ deps, actor, input }) => (await testRegistry(deps, actor, input, input.registryId), {}) }),
  endpoint({ method: 'GET', path: '/registries/{registryId}/usage', operationId: 'getRegistryUsage', summary: 'The stacks whose services pull from the registry', tag: 'Registries', input: registryRef, output: out.registryUsageSchema,
    check: onRegistry('registry.view'), run: ({ deps, input }) => readRegistryUsage(deps, input.registryId) }),
  endpoint({ method: 'GET', path: '/registries/{registryId}/repositories', operationId: 'listRepositories', summary: "A page of the registry's catalog, after `last`", tag: 'Registries', input: registryRef.extend({ last }), output: out.repositoryPageSchema,
    check: onRegistry('registry.view'), run: ({ deps, input }) => listRepositories(deps, input.registryId, pageMarker(input.last ?? null)) }),
  endpoint({ method: 'GET', path: '/registries/{registryId}/tags', operationId: 'listTags', summary: "A page of a repository's tags with their digests, sizes and platforms, after `last`", tag: 'Registries', input: browseTagsSchema.extend({ last }), output: out.tagsPageSchema,
    check: onRegistry('registry.view'), run: ({ deps, input }) => listTags(deps, input.registryId, input.repository, pageMarker(input.last ?? null)) }),
  endpoint({ method: 'DELETE', path: '/registries/{registryId}/tags/{tag}', operationId: 'deleteTag', summary: 'Delete a tag by its digest (registry.push; the registry must allow deletes)', tag: 'Registries', input: tagRef, output: out.emptySchema,
    check: onRegistry('registry.push'), run: async ({ deps, actor, input }) => (await deleteTag(deps, actor, input), {}) }),
  endpoint({ method: 'POST', path: '/registries/{registryId}/tags/{tag}/retag', operationId: 'retagImage', summary: "Give a tag's image another tag in the same repository (registry.push)", tag: 'Registries', input: retagSchema, output: out.digestResultSchema,
    check: onRegistry('registry.push'), run: ({ deps, actor, input }) => retagImage(deps, actor, input) }),
  endpoint({ method: 'POST', path: '/registries/{registryId}/pulls', operationId: 'pullFromRegistry', summary: "Start pulling repository:tag of the registry onto a host: the answer is the pull job, polled at /hosts/{hostId}/images/pulls/{jobId}", tag: 'Registries', input: pullInput, output: out.pullJobSchema, status: 201,
    check: (i) => [onRegistry('registry.view')(i), { permission: 'container.manage', target: { type: 'host', id: i.hostId } }], run: ({ deps, actor, input }) => pullFromRegistry(deps, actor, input) }),
  endpoint({ method: 'DELETE', path: '/registries/{registryId}', operationId: 'removeRegistry', summary: 'Remove a registry: the answer names the stacks that still pull from it', tag: 'Registries', input: registryRef, output: out.registryUsageSchema,
    check: onRegistry('registry.manage'), run: ({ deps, actor, input }) => removeRegistry(deps, actor, input.registryId) }),
];
