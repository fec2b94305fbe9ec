// Editing a swarm's Raft, dispatcher, CA and task-history settings, and autolock. Turning
// autolock on returns the unlock key once.
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { swarmInspect, swarmUnlockKey, swarmUpdate } from '@/lib/services/engine/swarm-api.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/call-manager.ts';
import { explainSwarmError } from '../engine/explain-swarm-error.ts';
import { applySettings, toSwarmView, type SwarmSettings } from './swarm-views.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export async function updateSwarmSettings(deps: Deps, actor: Actor, swarmId: string, settings: Partial<SwarmSettings>): Promise<{ unlockKey: string | null }> {
  return audited(deps.db, subjectOf(actor), 'swarm.settings', { type: 'swarm', id: swarmId }, async () => {
    const { value } = await callManager(deps, swarmId, { write: true }, async (docker, signal) => {
      const swarm = await swarmInspect(docker, signal);
      const wasLocked = toSwarmView(swarm).settings.autolock;
      try {
        await swarmUpdate(docker, swarm.Version.Index, applySettings(swarm.Spec, settings), {}, signal);
      } catch (error) {
        throw new AppError('ENGINE_ERROR', explainSwarmError(error, {}).message, { cause: error });
      }
      return settings.autolock && !wasLocked ? swarmUnlockKey(docker, signal) : null;
    });
    return { unlockKey: value };
  });
}
