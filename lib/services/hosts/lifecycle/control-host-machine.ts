// Stop, start or restart the machine's engine (Docker Machine's stop/start/restart), per driver.
// The inventory notices the engine going away and coming back; the host is re-probed at once.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { LogLine } from '../drivers/step-io.ts';
import { collectingIo, type LifecycleDeps } from './lifecycle-deps.ts';
import { openProvisionedMachine } from './open-provisioned-machine.ts';

export async function controlHostMachine(deps: LifecycleDeps, actor: Actor, input: { id: string; action: 'stop' | 'start' | 'restart' }): Promise<{ log: LogLine[] }> {
  const target = await openProvisionedMachine(deps, input.id);
  return audited(deps.db, subjectOf(actor), `host.${input.action}`, { type: 'host', id: target.hostId, name: target.hostName }, async () => {
    const { io, lines } = collectingIo(120_000);
    await deps.drivers[target.driver].lifecycle.power(target, input.action, io);
    deps.engines.forget(target.hostId);
    deps.changes.publish({ type: 'host.updated', hostId: target.hostId });
    return { log: lines };
  });
}
