import 'server-only';
import type { ServiceDeps } from '../../deps.ts';
import type { ProvisionDrivers } from '../provision/provision-context.ts';

export type LifecycleDeps = Pick<ServiceDeps, 'db' | 'keyring' | 'changes' | 'engines'> & { drivers: ProvisionDrivers };

/** Lifecycle actions run within the request; their log lines go to the server log and the result. */
export function collectingIo(timeoutMs: number): { io: { signal: AbortSignal; log: (line: string) => void }; lines: string[] } {
  const lines: string[] = [];
  return { io: { signal: AbortSignal.timeout(timeoutMs), log: (line) => lines.push(line) }, lines };
}
