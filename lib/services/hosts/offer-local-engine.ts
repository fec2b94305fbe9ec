// On the first start, registers the engine of the machine Wharf runs on (if there is one) as
// the host "local", so a new console has something to show. Done once: a removed "local" host
// stays removed.
import 'server-only';
import { existsSync } from 'node:fs';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { ServiceDeps } from '../deps.ts';
import { registerHostFor } from './register-host.ts';

const SETTING = 'local-engine.offered';
export const DEFAULT_LOCAL_ENGINE = '/var/run/docker.sock';

export type LocalEngineOutcome = 'registered' | 'no-engine' | 'offered-before' | 'disabled';

export async function offerLocalEngine(deps: Pick<ServiceDeps, 'db' | 'keyring' | 'changes'>, socketPath: string | null): Promise<LocalEngineOutcome> {
  if (!socketPath) return 'disabled';
  if (await deps.db.setting.findUnique({ where: { key: SETTING } })) return 'offered-before';
  let outcome: LocalEngineOutcome = 'no-engine';
  if (existsSync(socketPath)) {
    const taken = await deps.db.host.findFirst({ where: { name: { equals: 'local', mode: 'insensitive' } }, select: { id: true } });
    try {
      await registerHostFor(deps, { subject: { id: null, name: 'wharf', ip: null }, userId: null }, {
        name: taken ? 'local-engine' : 'local',
        description: 'The Docker engine on the machine Wharf runs on (added at first start).',
        transport: 'unix',
        socketPath,
      });
      outcome = 'registered';
    } catch {
      outcome = 'no-engine';
    }
  }
  await deps.db.setting.create({ data: { key: SETTING, value: { outcome, socketPath, at: new Date().toISOString() } as Prisma.InputJsonValue } });
  return outcome;
}
