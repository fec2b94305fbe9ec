'use server';
// Server actions for services, secrets, configs, networks and volumes: thin wrappers over lib/services/swarm-services.
import { configRefSchema, createObjectSchema, createNetworkSchema, moveServiceSchema, removeObjectSchema, removeServiceSchema, scaleServiceSchema, serviceEditSchema, serviceFormSchema, serviceImageSchema, serviceRefSchema, removeVolumeSchema } from '@/lib/schemas/services.ts';
import { createSwarmService, forceRedeploy, moveService, removeSwarmService, revealServiceEnv, rollbackService, scaleService, updateServiceImage } from '@/lib/services/swarm-services/manage-services.ts';
import { editService, previewServiceEdit, readServiceForEdit } from '@/lib/services/swarm-services/edit-service.ts';
import { createOverlayNetwork, createSwarmObject, removeSwarmObject, revealConfig } from '@/lib/services/swarm-services/swarm-objects.ts';
import { removeNodeVolume } from '@/lib/services/swarm-services/node-volumes.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { onService } from '@/lib/services/access/locate-target.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { authedAction } from './action-client.ts';

const manage = (input: { swarmId: string }) => ({ permission: 'service.manage' as const, target: { type: 'swarm' as const, id: input.swarmId } });
const reveal = (input: { swarmId: string }) => ({ permission: 'service.env' as const, target: { type: 'swarm' as const, id: input.swarmId } });
/** On one service: its swarm, or its stack (a stack grant reaches the stack's services). */
const onOne = (permission: 'service.manage' | 'service.env') => (input: { swarmId: string; serviceId: string }, actor: Actor) => onService(getRuntime(), actor, [permission], input);

export const createServiceAction = authedAction('service.create', serviceFormSchema, manage, ({ rt, actor, input }) => createSwarmService(rt, actor, input.swarmId, input.form));
export const scaleServiceAction = authedAction('service.scale', scaleServiceSchema, onOne('service.manage'), ({ rt, actor, input }) => scaleService(rt, actor, input));
export const updateServiceImageAction = authedAction('service.update-image', serviceImageSchema, onOne('service.manage'), ({ rt, actor, input }) => updateServiceImage(rt, actor, input));
export const rollbackServiceAction = authedAction('service.rollback', serviceRefSchema, onOne('service.manage'), ({ rt, actor, input }) => rollbackService(rt, actor, input));
export const forceRedeployServiceAction = authedAction('service.force-update', serviceRefSchema, onOne('service.manage'), ({ rt, actor, input }) => forceRedeploy(rt, actor, input));
/** Editing: read at a version, preview the diff, apply (service.manage on the service, as every other change). */
export const readServiceForEditAction = authedAction('service.edit.read', serviceRefSchema, onOne('service.manage'), ({ rt, input }) => readServiceForEdit(rt, input.swarmId, input.serviceId));
export const previewServiceEditAction = authedAction('service.edit.preview', serviceEditSchema, onOne('service.manage'), ({ rt, input }) => previewServiceEdit(rt, input));
export const editServiceAction = authedAction('service.edit', serviceEditSchema, onOne('service.manage'), ({ rt, actor, input }) => editService(rt, actor, input));
export const removeServiceAction = authedAction('service.remove', removeServiceSchema, onOne('service.manage'), ({ rt, actor, input }) => removeSwarmService(rt, actor, input));
/** Ownership is the administrators' to change: team.manage on everything. */
export const moveServiceAction = authedAction('service.move', moveServiceSchema, 'team.manage', ({ rt, actor, input }) => moveService(rt, actor, input));
export const createSwarmObjectAction = authedAction('object.create', createObjectSchema, manage, ({ rt, actor, input }) => createSwarmObject(rt, actor, input));
export const removeSwarmObjectAction = authedAction('object.remove', removeObjectSchema, manage, ({ rt, actor, input }) => removeSwarmObject(rt, actor, input));
export const createNetworkAction = authedAction('network.create', createNetworkSchema, manage, ({ rt, actor, input }) => createOverlayNetwork(rt, actor, input));
export const removeVolumeAction = authedAction('volume.remove', removeVolumeSchema, manage, ({ rt, actor, input }) => removeNodeVolume(rt, actor, input));
export const revealServiceEnvAction = authedAction('service.env.reveal', serviceRefSchema, onOne('service.env'), ({ rt, actor, input }) => revealServiceEnv(rt, actor, input));
export const revealConfigAction = authedAction('config.reveal', configRefSchema, reveal, ({ rt, actor, input }) => revealConfig(rt, actor, input));
