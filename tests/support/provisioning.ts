// What a provisioning test needs: the service dependencies plus a real runner with the real
// drivers, a data folder for local machines, and helpers to wait for a run and read its steps.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createProvisionDrivers } from '@/lib/services/hosts/drivers/provision-drivers.ts';
import type { ProvisionDeps } from '@/lib/services/hosts/provision/provision-deps.ts';
import { readProvisionJob } from '@/lib/services/hosts/provision/read-provision-jobs.ts';
import { ProvisionRunner } from '@/lib/services/hosts/provision/provision-runner.ts';
import type { ProvisionJobView } from '@/lib/services/hosts/provision/provision-job-view.ts';
import type { LabState, MachineState } from '@/scripts/lab/index.ts';
import { createTestDeps, type TestDeps } from './integration.ts';

export type ProvisionTestDeps = TestDeps & ProvisionDeps;

export async function createProvisionTestDeps(name: string): Promise<ProvisionTestDeps> {
  const base = await createTestDeps(name);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wharf-prov-'));
  const drivers = createProvisionDrivers(base);
  const provisioner = new ProvisionRunner({ db: base.db, keyring: base.keyring, changes: base.changes, dataDir }, drivers);
  return {
    ...base,
    dataDir,
    drivers,
    provisioner,
    async close() {
      await provisioner.close();
      await base.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for the run to end in this process and returns it as the browser would see it. */
export async function settledJob(deps: ProvisionTestDeps, jobId: string): Promise<ProvisionJobView> {
  await deps.provisioner.settled(jobId);
  return readProvisionJob(deps, jobId);
}

export const stepStatuses = (job: ProvisionJobView) => Object.fromEntries(job.steps.map((s) => [s.key, s.status]));

export function labMachine(lab: LabState, name: string): MachineState & { privateKeyPem: string; wrongPrivateKeyPem: string } {
  const machine = lab.machines.find((m) => m.name === name);
  if (!machine) throw new Error(`The lab has no machine ${name}: run npm run lab -- up`);
  return { ...machine, privateKeyPem: readFileSync(machine.privateKey, 'utf8'), wrongPrivateKeyPem: readFileSync(machine.wrongPrivateKey, 'utf8') };
}
