// Editing a swarm's Raft, dispatcher, CA and task-history settings, and autolock. Turning
// autolock on returns the unlock key once.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/index.ts';
import { applySettings, toSwarmView, type SwarmSettings } from './swarm-views.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export async function updateSwarmSettings(deps: Deps, actor: Actor, swarmId: string, settings: Partial<SwarmSettings>): Promise<{ unlockKey: string | null }> {
  return audited(deps.db, subjectOf(actor), 'swarm.settings', { type: 'swarm', id: swarmId }, async () => {
    const { value } = await callManager(deps, swarmId, { write: true, doing: msg('engineText.doing.changeSwarmSettings') }, async (api, manager) => {
      const swarm = await api.inspectSwarm();
      const wasLocked = toSwarmView(swarm).settings.autolock;
      await manager.step(msg('engineText.doing.changeSwarmSettings'), api.updateSwarm(swarm.Version.Index, applySettings(swarm.Spec, settings)));
      return settings.autolock && !wasLocked ? api.swarmUnlockKey() : null;
    });
    return { unlockKey: value };
  });
}
