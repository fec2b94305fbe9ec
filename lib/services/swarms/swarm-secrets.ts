// Join tokens and the autolock unlock key: read only by those allowed (the action checks
// swarm.secrets), every reveal and rotation audited, never logged.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/index.ts';
import { joinCommand } from '../../models/swarms/join-command.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export type JoinTokens = { worker: string; manager: string; managerAddr: string | null; workerCommand: string | null; managerCommand: string | null };

export async function revealJoinTokens(deps: Deps, actor: Actor, swarmId: string): Promise<JoinTokens> {
  return audited(deps.db, subjectOf(actor), 'swarm.tokens.reveal', { type: 'swarm', id: swarmId }, async () => {
    const { value } = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readJoinTokens') }, async (api) => {
      const [swarm, nodes] = await Promise.all([api.inspectSwarm(), api.listNodes()]);
      const leader = nodes.map((n) => n.ManagerStatus).find((m) => m?.Leader) ?? null;
      return { tokens: swarm.JoinTokens, managerAddr: leader?.Addr ?? null };
    });
    const command = (token: string) => (value.managerAddr ? joinCommand(token, value.managerAddr) : null);
    return { worker: value.tokens.Worker, manager: value.tokens.Manager, managerAddr: value.managerAddr, workerCommand: command(value.tokens.Worker), managerCommand: command(value.tokens.Manager) };
  });
}

export async function rotateJoinToken(deps: Deps, actor: Actor, swarmId: string, kind: 'worker' | 'manager'): Promise<void> {
  await audited(deps.db, subjectOf(actor), `swarm.tokens.rotate-${kind}`, { type: 'swarm', id: swarmId }, async () => {
    await callManager(deps, swarmId, { write: true, doing: msg('engineText.doing.rotateJoinToken', { kind }) }, async (api) => {
      const swarm = await api.inspectSwarm();
      await api.updateSwarm(swarm.Version.Index, swarm.Spec, { [kind]: true });
    });
  });
}

export async function revealUnlockKey(deps: Deps, actor: Actor, swarmId: string): Promise<string> {
  return audited(deps.db, subjectOf(actor), 'swarm.unlock-key.reveal', { type: 'swarm', id: swarmId }, async () => {
    const { value } = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readUnlockKey') }, (api) => api.swarmUnlockKey());
    return value;
  });
}
