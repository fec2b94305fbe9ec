'use server';
// Server actions for containers, images, volumes and networks of one host: thin wrappers over
// lib/services/containers. Every one names its permission on the host it touches.
import {
  containerRefSchema, containerVerbSchema, recreateContainerSchema, createContainerSchema, createHostNetworkSchema, createHostVolumeSchema, moveContainerSchema, pullImageSchema, pushImageSchema, pullOnSwarmSchema, pruneSchema, removeContainerSchema, removeImageSchema, removeNetworkSchema, removeVolumeSchema, renameContainerSchema,
} from '@/lib/schemas/containers.ts';
import { changeContainerState, removeContainer, renameContainer } from '@/lib/services/containers/change-container.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import { createHostNetwork } from '@/lib/services/containers/create-host-network.ts';
import { createHostVolume } from '@/lib/services/containers/create-host-volume.ts';
import { moveContainer } from '@/lib/services/containers/move-container.ts';
import { recreateAsIs, recreateContainer } from '@/lib/services/containers/recreate-container.ts';
import { startImagePull } from '@/lib/services/containers/pull-image.ts';
import { startImagePush } from '@/lib/services/containers/push-image.ts';
import { startSwarmPull } from '@/lib/services/containers/pull-on-swarm.ts';
import { revealContainerEnv } from '@/lib/services/containers/read-container.ts';
import { pruneHostResources, removeHostNetwork, removeHostVolume, removeImage } from '@/lib/services/containers/remove-host-resources.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { onContainer } from '@/lib/services/access/locate-target.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import type { Message } from '@/lib/i18n/message.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { spokenBody } from '@/lib/i18n/render-message.ts';
import { authedAction } from './action-client.ts';

/** A service's result with its sentence in the requester's language (toasts show `message`). */
async function spoken<R extends { said: Message; message: string }>(result: Promise<R>): Promise<Omit<R, 'said'>> {
  return spokenBody(await result, await requestLocale()) as Omit<R, 'said'>;
}

const on = (permission: 'container.manage' | 'container.env') => (input: { hostId: string }) => ({ permission, target: { type: 'host' as const, id: input.hostId } });
const manage = on('container.manage');
/** On one container: its host, or its swarm and stack when it is a task (a stack grant reaches it). */
const onOne = (permission: 'container.manage' | 'container.env') => (input: { hostId: string; containerId: string }, actor: Actor) => onContainer(getRuntime(), actor, permission, input);

export const containerStateAction = authedAction('container.state', containerVerbSchema, onOne('container.manage'), ({ rt, actor, input }) => spoken(changeContainerState(rt, actor, input)));
export const renameContainerAction = authedAction('container.rename', renameContainerSchema, onOne('container.manage'), ({ rt, actor, input }) => spoken(renameContainer(rt, actor, input)));
export const removeContainerAction = authedAction('container.remove', removeContainerSchema, onOne('container.manage'), ({ rt, actor, input }) => spoken(removeContainer(rt, actor, input)));
/** Ownership is the administrators' to change: team.manage on everything. */
export const moveContainerAction = authedAction('container.move', moveContainerSchema, 'team.manage', ({ rt, actor, input }) => moveContainer(rt, actor, input));
/** Onto the newer image its registry has for its tag (pull, then stop, set aside, create, start; the old one back on failure). */
export const recreateContainerAction = authedAction('container.recreate', containerRefSchema, onOne('container.manage'), ({ rt, actor, input }) => spoken(recreateContainer(rt, actor, input)));
/** From its own configuration, its image pulled first when asked (the old one back on failure). */
export const recreateAsIsAction = authedAction('container.recreate', recreateContainerSchema, onOne('container.manage'), ({ rt, actor, input }) => spoken(recreateAsIs(rt, actor, input)));
/** A volume or network on the host: managing its containers covers making what they use (the policy judges the rest). */
export const createHostVolumeAction = authedAction('volume.create', createHostVolumeSchema, manage, ({ rt, actor, input }) => spoken(createHostVolume(rt, actor, input)));
export const createHostNetworkAction = authedAction('network.create', createHostNetworkSchema, manage, ({ rt, actor, input }) => spoken(createHostNetwork(rt, actor, input)));
export const createContainerAction = authedAction('container.create', createContainerSchema, manage, ({ rt, actor, input }) => createContainer(rt, actor, input));
export const revealContainerEnvAction = authedAction('container.env.reveal', containerRefSchema, onOne('container.env'), ({ rt, actor, input }) => revealContainerEnv(rt, actor, input));
export const pullImageAction = authedAction('image.pull', pullImageSchema, manage, async ({ rt, actor, input }) => {
  const job = await startImagePull(rt, actor, input);
  return { jobId: job.id, image: job.image };
});
/** From the host to a kept registry: changing the host's images, and pushing to that registry. */
export const pushImageAction = authedAction(
  'image.push',
  pushImageSchema,
  (input) => [
    { permission: 'container.manage' as const, target: { type: 'host' as const, id: input.hostId } },
    { permission: 'registry.push' as const, target: { type: 'registry' as const, id: input.registryId } },
  ],
  async ({ rt, actor, input }) => {
    const job = await startImagePush(rt, actor, input);
    return { jobId: job.id, image: job.image };
  },
);
/** Onto every node of the swarm (each node's host checked again by the service). */
export const pullOnSwarmAction = authedAction('image.pull', pullOnSwarmSchema, (input) => ({ permission: 'container.manage', target: { type: 'swarm' as const, id: input.swarmId } }), async ({ rt, actor, input }) => {
  const pull = await startSwarmPull(rt, actor, input);
  return { ...pull, jobs: pull.jobs.map((job) => ({ jobId: job.id, hostId: job.hostId, hostName: job.hostName, image: job.image })) };
});
export const removeImageAction = authedAction('image.remove', removeImageSchema, manage, ({ rt, actor, input }) => spoken(removeImage(rt, actor, input)));
export const removeHostVolumeAction = authedAction('volume.remove', removeVolumeSchema, manage, ({ rt, actor, input }) => spoken(removeHostVolume(rt, actor, input)));
export const removeHostNetworkAction = authedAction('network.remove', removeNetworkSchema, manage, ({ rt, actor, input }) => spoken(removeHostNetwork(rt, actor, input)));
export const pruneHostAction = authedAction('host.prune', pruneSchema, manage, ({ rt, actor, input }) => pruneHostResources(rt, actor, input));
