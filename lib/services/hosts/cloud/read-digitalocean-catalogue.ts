// What the DigitalOcean form offers: regions, sizes and images, read from the API with the
// chosen account's token.
import 'server-only';
import type { ServiceDeps } from '../../deps.ts';
import { createDigitalOceanApi } from '../drivers/digitalocean/create-digitalocean-api.ts';
import { openCloudToken } from './cloud-credentials.ts';

export async function readDigitalOceanCatalogue(deps: Pick<ServiceDeps, 'db' | 'keyring'>, credentialId: string) {
  const api = createDigitalOceanApi({ token: await openCloudToken(deps, credentialId) });
  const [regions, sizes, images] = await Promise.all([api.listRegions(), api.listSizes(), api.listImages()]);
  return { regions, sizes, images };
}
