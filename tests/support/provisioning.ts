// What a provisioning test needs: the service dependencies plus a real runner with the real
// drivers, a data folder for local machines, helpers to wait for a run and read its steps, and to
// use a docker CLI bundle the way a user would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
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

const run = promisify(execFile);

/**
 * Folders of docker CLI files: a bundle (the zip's base64) unpacked as a user would, or ca/cert/key
 * written as ca.pem, cert.pem, key.pem; `cleanUp` removes every folder made.
 */
export function bundleFolders(): { unpack(base64: string): string; write(tls: { ca: string; cert: string; key: string }): string; cleanUp(): void } {
  const dirs: string[] = [];
  const folder = (files: Array<[string, string]>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wharf-bundle-'));
    dirs.push(dir);
    for (const [name, text] of files) writeFileSync(path.join(dir, path.basename(name)), text, { mode: name.endsWith('key.pem') ? 0o600 : 0o644 });
    return dir;
  };
  return {
    unpack: (base64) => folder(Object.entries(unzipSync(Buffer.from(base64, 'base64'))).map(([name, data]) => [name, strFromU8(data)])),
    write: (tls) => folder([['ca.pem', tls.ca], ['cert.pem', tls.cert], ['key.pem', tls.key]]),
    cleanUp() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real docker CLI with an unpacked bundle's files (or others, by path), against an engine's TLS port. */
export async function dockerWithBundle(dir: string, address: string, args: string[], files: { ca?: string } = {}): Promise<string> {
  const { stdout } = await run('docker', ['--tlsverify', '--tlscacert', files.ca ?? path.join(dir, 'ca.pem'), '--tlscert', path.join(dir, 'cert.pem'), '--tlskey', path.join(dir, 'key.pem'), '-H', `tcp://${address}:2376`, ...args], {
    timeout: 30_000,
    env: { ...process.env, DOCKER_CLI_HINTS: 'false' },
  });
  return stdout.trim();
}
