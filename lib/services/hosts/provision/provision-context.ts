// What a driver's steps work with during one run. `machine` is what the run has made so far
// (saved after every step, so a retry or a clean-up knows it); `live` holds open connections for
// this run only, closed when the run ends.
import 'server-only';
import type { StoredCa } from '../pki/host-authorities.ts';
import type { ServiceDeps } from '../../deps.ts';
import type { EngineTlsFiles, SshLogin, StepIo } from '../drivers/step-io.ts';
import type { DriverName, StepKey } from '@/lib/models/hosts/provision-plan.ts';

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
  /** The run's secrets; a step may add one (a key it generated): it is sealed again after the step. */
  readonly secrets: Record<string, string>;
  readonly createdById: string | null;
  readonly deps: RunnerDeps;
  machine: MachineRecord;
  /** Live resources of this run (an SSH session…), closed at the end. */
  readonly live: Map<string, { close(): void }>;
  /** The CA of the host this run makes (its own: a new one, or the one an earlier try made). */
  ca(): Promise<StoredCa>;
}

export type StepRun = (ctx: ProvisionContext, io: StepIo) => Promise<void>;

/** A provisioned host as its driver's lifecycle actions see it (secrets opened). */
export interface ProvisionedMachine {
  hostId: string;
  hostName: string;
  /** The engine's address (IP or name), without the port. */
  address: string;
  machine: MachineRecord;
  secrets: Record<string, string>;
}

export interface MachineLifecycle {
  power(target: ProvisionedMachine, action: 'stop' | 'start' | 'restart', io: StepIo): Promise<void>;
  /** Puts new certificate files in place (the CA the engine trusts, its server certificate and key) and restarts the engine with them. */
  replaceServerCertificate(target: ProvisionedMachine, files: EngineTlsFiles, io: StepIo): Promise<void>;
  /** Deletes the machine itself (where the driver can); the host row is the caller's. */
  deleteMachine(target: ProvisionedMachine, io: StepIo): Promise<void>;
  /** How to log in to the machine over SSH (for the browser terminal), or null when it has no SSH. */
  sshLogin(target: ProvisionedMachine): SshLogin | null;
}

export interface ProvisionDriver {
  readonly steps: Partial<Record<StepKey, StepRun>>;
  /** Undoes what a stopped run made (a droplet, a sandbox); safe to call again. */
  cleanUp(ctx: ProvisionContext, io: StepIo): Promise<void>;
  readonly lifecycle: MachineLifecycle;
}

export type ProvisionDrivers = Record<DriverName, ProvisionDriver>;
