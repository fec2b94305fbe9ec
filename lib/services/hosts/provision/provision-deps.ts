// What the provisioning services are given: the usual service parts and the runtime's runner.
import 'server-only';
import type { ServiceDeps } from '../../deps.ts';
import type { ProvisionDrivers } from './provision-context.ts';
import type { ProvisionRunner } from './provision-runner.ts';

export type ProvisionDeps = Pick<ServiceDeps, 'db' | 'keyring' | 'changes'> & {
  provisioner: ProvisionRunner;
  drivers: ProvisionDrivers;
  dataDir: string;
};
