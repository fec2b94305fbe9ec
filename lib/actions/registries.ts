'use server';
// Server actions for registries: thin wrappers over lib/services/registries. Adding a registry
// needs registry.manage everywhere; the rest is authorized on the registry the input names.
import { authedAction } from './action-client.ts';
import { addRegistrySchema, deleteTagSchema, registryFormSchema, registryIdSchema, removeRegistrySchema, retagSchema, updateRegistrySchema } from '@/lib/schemas/registries.ts';
import { z } from 'zod';
import { addRegistry, removeRegistry, testRegistry, updateRegistry } from '@/lib/services/registries/save-registry.ts';
import { deleteTag, retagImage } from '@/lib/services/registries/change-tags.ts';

const onRegistry = (permission: 'registry.manage' | 'registry.push') => (input: { registryId: string }) => ({ permission, target: { type: 'registry' as const, id: input.registryId } });

const testRegistrySchema = z.object({ registryId: registryIdSchema.nullable().default(null), settings: registryFormSchema });

export const testRegistryAction = authedAction('registry.test', testRegistrySchema, (input) => (input.registryId ? onRegistry('registry.manage')({ registryId: input.registryId }) : { permission: 'registry.manage' }), ({ rt, actor, input }) =>
  testRegistry(rt, actor, input.settings, input.registryId),
);
export const addRegistryAction = authedAction('registry.add', addRegistrySchema, 'registry.manage', ({ rt, actor, input }) => addRegistry(rt, actor, input));
export const updateRegistryAction = authedAction('registry.update', updateRegistrySchema, onRegistry('registry.manage'), ({ rt, actor, input }) => updateRegistry(rt, actor, input.registryId, input.settings));
export const removeRegistryAction = authedAction('registry.remove', removeRegistrySchema, onRegistry('registry.manage'), ({ rt, actor, input }) => removeRegistry(rt, actor, input.registryId));

export const deleteTagAction = authedAction('registry.tag.delete', deleteTagSchema, onRegistry('registry.push'), ({ rt, actor, input }) => deleteTag(rt, actor, input));
export const retagAction = authedAction('registry.tag.retag', retagSchema, onRegistry('registry.push'), ({ rt, actor, input }) => retagImage(rt, actor, input));
