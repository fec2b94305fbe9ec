// Secrets, configs and overlay networks of a swarm: list, create, inspect and remove. Secret values
// never leave the engine; removal is refused while a service uses the object, naming the services.
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import {
  createConfig, createNetwork, createSecret, listAllConfigs, listAllNetworks, listAllSecrets, listAllServices, removeConfig, removeNetwork, removeSecret, type RawObject,
} from '@/lib/services/engine/stack-api.ts';
import type { ServiceDeps } from '../deps.ts';
import { NAMESPACE_LABEL } from '../stacks/stack-labels.ts';
import { callManager } from '../engine/call-manager.ts';
import { explainSwarmError } from '../engine/explain-swarm-error.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
export type ObjectKind = 'secret' | 'config';

export type SwarmObjectRow = { id: string; name: string; labels: Record<string, string>; stack: string | null; createdAt: string | null; updatedAt: string | null; usedBy: string[]; data?: string };
export type NetworkRow = { id: string; name: string; driver: string; scope: string; attachable: boolean; internal: boolean; encrypted: boolean; subnets: string[]; stack: string | null; usedBy: string[] };

type ContainerRefs = { Secrets?: { SecretID?: string }[]; Configs?: { ConfigID?: string }[] };
const refsOf = (service: RawObject) => (service.Spec as { TaskTemplate?: { ContainerSpec?: ContainerRefs } }).TaskTemplate?.ContainerSpec ?? {};
const networksOf = (service: RawObject) => ((service.Spec as { TaskTemplate?: { Networks?: { Target?: string }[] } }).TaskTemplate?.Networks ?? []).map((n) => n.Target);

function usedBy(services: RawObject[], kind: ObjectKind | 'network', id: string): string[] {
  return services
    .filter((s) => (kind === 'secret' ? (refsOf(s).Secrets ?? []).some((r) => r.SecretID === id) : kind === 'config' ? (refsOf(s).Configs ?? []).some((r) => r.ConfigID === id) : networksOf(s).includes(id)))
    .map((s) => s.Spec.Name)
    .sort();
}

function toObjectRow(object: RawObject, kind: ObjectKind, services: RawObject[]): SwarmObjectRow {
  const labels = object.Spec.Labels ?? {};
  const data = (object.Spec as { Data?: string }).Data;
  return {
    id: object.ID,
    name: object.Spec.Name,
    labels,
    stack: labels[NAMESPACE_LABEL] ?? null,
    createdAt: object.CreatedAt ?? null,
    updatedAt: object.UpdatedAt ?? null,
    usedBy: usedBy(services, kind, object.ID),
    // Configs are not secret: their content may be read. Secret data is never returned by the engine.
    ...(kind === 'config' && data ? { data: Buffer.from(data, 'base64').toString('utf8') } : {}),
  };
}

export async function listSwarmObjects(deps: Deps, swarmId: string, kind: ObjectKind): Promise<SwarmObjectRow[]> {
  const { value } = await callManager(deps, swarmId, { write: false }, async (docker, signal) => {
    const [objects, services] = await Promise.all([kind === 'secret' ? listAllSecrets(docker, signal) : listAllConfigs(docker, signal), listAllServices(docker, signal)]);
    return objects.map((o) => toObjectRow(o, kind, services));
  });
  return value.sort((a, b) => a.name.localeCompare(b.name));
}

export async function createSwarmObject(deps: Deps, actor: Actor, input: { swarmId: string; kind: ObjectKind; name: string; data: string; labels: Record<string, string> }): Promise<{ id: string }> {
  return audited(deps.db, subjectOf(actor), `${input.kind}.create`, { type: input.kind, name: input.name }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: true }, async (docker, signal) => {
      const existing = input.kind === 'secret' ? await listAllSecrets(docker, signal) : await listAllConfigs(docker, signal);
      if (existing.some((o) => o.Spec.Name === input.name)) throw new AppError('CONFLICT', `A ${input.kind} named "${input.name}" already exists.`, { fieldErrors: { name: ['This name is taken.'] } });
      const spec = { Name: input.name, Labels: input.labels, Data: Buffer.from(input.data, 'utf8').toString('base64') };
      try {
        const created = input.kind === 'secret' ? await createSecret(docker, spec, signal) : await createConfig(docker, spec, signal);
        return { id: created.ID ?? created.id ?? '' };
      } catch (error) {
        throw new AppError('ENGINE_ERROR', `${input.kind} ${input.name}: ${explainSwarmError(error, {}).message}`, { cause: error });
      }
    });
    return value;
  }, (r) => ({ id: r.id }));
}

export async function removeSwarmObject(deps: Deps, actor: Actor, input: { swarmId: string; kind: ObjectKind | 'network'; id: string }): Promise<void> {
  await audited(deps.db, subjectOf(actor), `${input.kind}.remove`, { type: input.kind, id: input.id }, async () => {
    await callManager(deps, input.swarmId, { write: true }, async (docker, signal) => {
      const services = await listAllServices(docker, signal);
      const users = usedBy(services, input.kind, input.id);
      if (users.length) throw new AppError('PRECONDITION', `This ${input.kind} is in use by ${users.join(', ')}. Remove it from those services first.`);
      try {
        if (input.kind === 'secret') await removeSecret(docker, input.id, signal);
        else if (input.kind === 'config') await removeConfig(docker, input.id, signal);
        else await removeNetwork(docker, input.id, signal);
      } catch (error) {
        const message = String((error as { json?: { message?: string } }).json?.message ?? (error as Error).message);
        if (/not found|no such/i.test(message)) throw new AppError('NOT_FOUND', `That ${input.kind} does not exist (any more).`);
        throw new AppError('ENGINE_ERROR', `${input.kind}: ${explainSwarmError(error, {}).message}`, { cause: error });
      }
    });
  });
}

type RawNetworkDetail = { Id: string; Name: string; Driver: string; Scope: string; Attachable?: boolean; Internal?: boolean; Options?: Record<string, string>; IPAM?: { Config?: { Subnet?: string }[] }; Labels?: Record<string, string> };

export async function listSwarmNetworks(deps: Deps, swarmId: string): Promise<NetworkRow[]> {
  const { value } = await callManager(deps, swarmId, { write: false }, async (docker, signal) => {
    const [networks, services] = await Promise.all([listAllNetworks(docker, signal), listAllServices(docker, signal)]);
    return (networks as unknown as RawNetworkDetail[])
      .filter((n) => n.Scope === 'swarm')
      .map((n) => ({
        id: n.Id,
        name: n.Name,
        driver: n.Driver,
        scope: n.Scope,
        attachable: n.Attachable === true,
        internal: n.Internal === true,
        encrypted: n.Options?.encrypted !== undefined,
        subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
        stack: n.Labels?.[NAMESPACE_LABEL] ?? null,
        usedBy: usedBy(services, 'network', n.Id),
      }));
  });
  return value.sort((a, b) => a.name.localeCompare(b.name));
}

export async function createOverlayNetwork(deps: Deps, actor: Actor, input: { swarmId: string; name: string; attachable: boolean; internal: boolean; encrypted: boolean; subnet: string | null }): Promise<{ id: string }> {
  return audited(deps.db, subjectOf(actor), 'network.create', { type: 'network', name: input.name }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: true }, async (docker, signal) => {
      const existing = await listAllNetworks(docker, signal);
      if (existing.some((n) => n.Name === input.name)) throw new AppError('CONFLICT', `A network named "${input.name}" already exists.`, { fieldErrors: { name: ['This name is taken.'] } });
      try {
        const created = await createNetwork(docker, {
          Name: input.name,
          Driver: 'overlay',
          CheckDuplicate: true,
          Attachable: input.attachable,
          Internal: input.internal,
          Options: input.encrypted ? { encrypted: '' } : {},
          ...(input.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: input.subnet }] } } : {}),
        }, signal);
        return { id: created.id ?? '' };
      } catch (error) {
        throw new AppError('ENGINE_ERROR', `network ${input.name}: ${explainSwarmError(error, {}).message}`, { cause: error });
      }
    });
    return value;
  }, (r) => ({ id: r.id }));
}
