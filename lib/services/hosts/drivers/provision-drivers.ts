// The machine drivers Wharf offers, created once per console (and per test).
import 'server-only';
import type { ServiceDeps } from '../../deps.ts';
import type { ProvisionDrivers } from '../provision/provision-context.ts';
import { createDigitalOceanProvisionDriver } from './digitalocean-provision-driver.ts';
import { createGenericProvisionDriver } from './generic-provision-driver.ts';
import { createLocalProvisionDriver } from './local-provision-driver.ts';

export function createProvisionDrivers(deps: Pick<ServiceDeps, 'db' | 'keyring'>): ProvisionDrivers {
  return {
    generic: createGenericProvisionDriver(),
    local: createLocalProvisionDriver(),
    digitalocean: createDigitalOceanProvisionDriver(deps),
  };
}
