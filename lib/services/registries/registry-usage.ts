// Which stacks take images from a registry: the services of each stack's newest revision whose
// image reference names the registry's address (what removing it, or deploying, needs to know).
import 'server-only';
import { parseCompose } from '@/lib/services/stacks/compose/parse-compose.ts';
import { referenceAddress, type RegistryKind } from '@/lib/models/registries/registry-kinds.ts';
import { registryOfImage } from '@/lib/models/registries/image-reference.ts';
import type { ServiceDeps } from '../deps.ts';

export type RegistryUsage = { stacks: { swarmId: string; stackName: string; services: string[] }[] };

/** The services of a compose document whose image comes from `address`. Pure. */
export function servicesFromRegistry(document: unknown, address: string): string[] {
  const services = (document as { services?: Record<string, { image?: unknown }> } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  return Object.entries(services)
    .filter(([, s]) => typeof s?.image === 'string' && registryOfImage(s.image) === address)
    .map(([name]) => name)
    .sort();
}

export async function registryUsage(deps: Pick<ServiceDeps, 'db'>, registry: { kind: string; address: string }): Promise<RegistryUsage> {
  const address = referenceAddress(registry.kind as RegistryKind, registry.address);
  const newest = await deps.db.stackRevision.findMany({ orderBy: [{ swarmId: 'asc' }, { stackName: 'asc' }, { number: 'desc' }], distinct: ['swarmId', 'stackName'], select: { swarmId: true, stackName: true, composeText: true } });
  const stacks = newest.map((r) => ({ swarmId: r.swarmId, stackName: r.stackName, services: servicesFromRegistry(parseCompose(r.composeText).document, address) })).filter((s) => s.services.length > 0);
  return { stacks };
}
