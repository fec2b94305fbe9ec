// What a driver's steps work with during one run. `machine` is what the run has made so far
// (saved after every step, so a retry or a clean-up knows it); `live` holds open connections for
// this run only, closed when the run ends.
import type { CaMaterial } from '../pki/certificates.ts';
import type { ServiceDeps } from '../../deps.ts';
import type { StepIo } from '../drivers/step-io.ts';
import type { DriverName, StepKey } from './provision-plan.ts';

export type MachineRecord = Record<string, unknown>;

export type RunnerDeps = Pick<ServiceDeps, 'db' | 'keyring' | 'changes'> & {
  /** Where the local driver keeps its machines (the console's data folder). */
  dataDir: string;
};

export interface ProvisionContext {
  readonly jobId: string;
  readonly hostName: string;
  readonly driver: DriverName;
  readonly options: Readonly<Record<string, unknown>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly createdById: string | null;
  readonly deps: RunnerDeps;
  machine: MachineRecord;
  /** Live resources of this run (an SSH session…), closed at the end. */
  readonly live: Map<string, { close(): void }>;
  ca(): Promise<CaMaterial>;
}

export type StepRun = (ctx: ProvisionContext, io: StepIo) => Promise<void>;

export interface ProvisionDriver {
  readonly steps: Partial<Record<StepKey, StepRun>>;
  /** Undoes what a stopped run made (a droplet, a sandbox); safe to call again. */
  cleanUp(ctx: ProvisionContext, io: StepIo): Promise<void>;
}

export type ProvisionDrivers = Record<DriverName, ProvisionDriver>;
