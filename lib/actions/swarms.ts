'use server';
// Server actions for swarms: thin wrappers over lib/services/swarm.
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { initSwarmSchema, joinHostSchema, leaveSwarmSchema, removeNodeSchema, rotateTokenSchema, swarmRefSchema, swarmSettingsSchema, updateNodeSchema } from '@/lib/schemas/swarms.ts';
import { leaveSwarm, removeSwarmNode, updateSwarmNode } from '@/lib/services/swarms/change-node.ts';
import { initSwarm } from '@/lib/services/swarms/init-swarm.ts';
import { joinHost } from '@/lib/services/swarms/join-host.ts';
import { revealJoinTokens, revealUnlockKey, rotateJoinToken } from '@/lib/services/swarms/swarm-secrets.ts';
import { updateSwarmSettings } from '@/lib/services/swarms/update-swarm-settings.ts';
import { authedAction } from './action-client.ts';

const onSwarm = (swarmId: string) => ({ type: 'swarm' as const, id: swarmId });
const onHost = (hostId: string) => ({ type: 'host' as const, id: hostId });

export const initSwarmAction = authedAction(
  'swarm.create',
  initSwarmSchema,
  (input) => [
    { permission: 'swarm.manage' },
    { permission: 'host.update', target: onHost(input.hostId) },
    // Autolock hands out an unlock key: only for those who may hold swarm secrets.
    ...(input.autolock ? [{ permission: 'swarm.secrets' as const }] : []),
  ],
  ({ rt, actor, input }) => initSwarm(rt, actor, input),
);

export const joinHostAction = authedAction(
  'swarm.join',
  joinHostSchema,
  (input) => [
    { permission: 'swarm.manage', target: onSwarm(input.swarmId) },
    { permission: 'host.update', target: onHost(input.hostId) },
  ],
  ({ rt, actor, input }) => joinHost(rt, actor, input),
);

export const leaveSwarmAction = authedAction(
  'swarm.leave',
  leaveSwarmSchema,
  async (input) => {
    const host = await getRuntime().db.host.findUnique({ where: { id: input.hostId }, select: { facts: true } });
    const swarmId = (host?.facts as { swarm?: { clusterId?: string | null } } | null)?.swarm?.clusterId;
    return [{ permission: 'host.update', target: onHost(input.hostId) }, { permission: 'swarm.manage', ...(swarmId ? { target: onSwarm(swarmId) } : {}) }];
  },
  ({ rt, actor, input }) => leaveSwarm(rt, actor, input),
);

export const updateNodeAction = authedAction('node.update', updateNodeSchema, (input) => ({ permission: 'swarm.manage', target: onSwarm(input.swarmId) }), ({ rt, actor, input }) =>
  updateSwarmNode(rt, actor, input),
);

export const removeNodeAction = authedAction('node.remove', removeNodeSchema, (input) => ({ permission: 'swarm.manage', target: onSwarm(input.swarmId) }), ({ rt, actor, input }) =>
  removeSwarmNode(rt, actor, input),
);

export const revealJoinTokensAction = authedAction('swarm.tokens.reveal', swarmRefSchema, (input) => ({ permission: 'swarm.secrets', target: onSwarm(input.swarmId) }), ({ rt, actor, input }) =>
  revealJoinTokens(rt, actor, input.swarmId),
);

export const rotateJoinTokenAction = authedAction('swarm.tokens.rotate', rotateTokenSchema, (input) => ({ permission: 'swarm.secrets', target: onSwarm(input.swarmId) }), ({ rt, actor, input }) =>
  rotateJoinToken(rt, actor, input.swarmId, input.kind),
);

export const revealUnlockKeyAction = authedAction('swarm.unlock-key.reveal', swarmRefSchema, (input) => ({ permission: 'swarm.secrets', target: onSwarm(input.swarmId) }), ({ rt, actor, input }) =>
  revealUnlockKey(rt, actor, input.swarmId),
);

export const updateSwarmSettingsAction = authedAction(
  'swarm.settings',
  swarmSettingsSchema,
  (input) => [
    { permission: 'swarm.manage', target: onSwarm(input.swarmId) },
    ...(input.settings.autolock !== undefined ? [{ permission: 'swarm.secrets' as const, target: onSwarm(input.swarmId) }] : []),
  ],
  ({ rt, actor, input }) => updateSwarmSettings(rt, actor, input.swarmId, input.settings),
);
