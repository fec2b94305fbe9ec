import 'server-only';
import type { ServiceDeps } from '../../deps.ts';
import type { LogLine } from '../drivers/step-io.ts';
import type { ProvisionDrivers } from '../provision/provision-context.ts';

export type LifecycleDeps = Pick<ServiceDeps, 'db' | 'keyring' | 'changes' | 'engines'> & { drivers: ProvisionDrivers };

/** Lifecycle actions run within the request; their log lines go to the result (Wharf's own as messages, said in the reader's language). */
export function collectingIo(timeoutMs: number): { io: { signal: AbortSignal; log: (line: LogLine) => void }; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { io: { signal: AbortSignal.timeout(timeoutMs), log: (line) => lines.push(line) }, lines };
}
