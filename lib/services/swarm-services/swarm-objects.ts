// Secrets, configs and overlay networks of a swarm: list, create, inspect and remove. Secret values
// never leave the engine; a config's content is read on its own, by those who may reveal it, and
// audited (configs hold the same things environments do: stack variables end up there too).
// Removal is refused while a service uses the object, naming the services.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { NAMESPACE_LABEL } from '../stacks/stack-labels.ts';
import { callManager, type EngineApi, type SwarmObject } from '../engine/index.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
export type ObjectKind = 'secret' | 'config';

export type SwarmObjectRow = { id: string; name: string; labels: Record<string, string>; stack: string | null; createdAt: string | null; updatedAt: string | null; usedBy: string[] };
export type NetworkRow = { id: string; name: string; driver: string; scope: string; attachable: boolean; internal: boolean; encrypted: boolean; subnets: string[]; stack: string | null; usedBy: string[] };

type ContainerRefs = { Secrets?: { SecretID?: string }[]; Configs?: { ConfigID?: string }[] };
const refsOf = (service: SwarmObject) => (service.Spec as { TaskTemplate?: { ContainerSpec?: ContainerRefs } }).TaskTemplate?.ContainerSpec ?? {};
const networksOf = (service: SwarmObject) => ((service.Spec as { TaskTemplate?: { Networks?: { Target?: string }[] } }).TaskTemplate?.Networks ?? []).map((n) => n.Target);

function usedBy(services: SwarmObject[], kind: ObjectKind | 'network', id: string): string[] {
  return services
    .filter((s) => (kind === 'secret' ? (refsOf(s).Secrets ?? []).some((r) => r.SecretID === id) : kind === 'config' ? (refsOf(s).Configs ?? []).some((r) => r.ConfigID === id) : networksOf(s).includes(id)))
    .map((s) => s.Spec.Name)
    .sort();
}

function toObjectRow(object: SwarmObject, kind: ObjectKind, services: SwarmObject[]): SwarmObjectRow {
  const labels = object.Spec.Labels ?? {};
  return {
    id: object.ID,
    name: object.Spec.Name,
    labels,
    stack: labels[NAMESPACE_LABEL] ?? null,
    createdAt: object.CreatedAt ?? null,
    updatedAt: object.UpdatedAt ?? null,
    usedBy: usedBy(services, kind, object.ID),
  };
}

/** A config's content. The caller has checked service.env; every reveal is audited. */
export async function revealConfig(deps: Deps, actor: Actor, input: { swarmId: string; id: string }): Promise<{ name: string; data: string }> {
  return audited(deps.db, subjectOf(actor), 'config.reveal', { type: 'config', id: input.id }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: false, doing: `read config ${input.id}` }, async (api) => {
      const config = (await api.listConfigs({ id: [input.id] })).find((c) => c.ID === input.id);
      if (!config) throw new AppError('NOT_FOUND', msg('services.errors.configGone'));
      return config;
    });
    const data = (value.Spec as { Data?: string }).Data;
    return { name: value.Spec.Name, data: data ? Buffer.from(data, 'base64').toString('utf8') : '' };
  }, (r) => ({ name: r.name }));
}

const listObjects = (api: EngineApi, kind: ObjectKind) => (kind === 'secret' ? api.listSecrets() : api.listConfigs());

export async function listSwarmObjects(deps: Deps, swarmId: string, kind: ObjectKind): Promise<SwarmObjectRow[]> {
  const { value } = await callManager(deps, swarmId, { write: false, doing: `list ${kind}s` }, async (api) => {
    const [objects, services] = await Promise.all([listObjects(api, kind), api.listServices({ status: true })]);
    return objects.map((o) => toObjectRow(o, kind, services));
  });
  return value.sort((a, b) => a.name.localeCompare(b.name));
}

export async function createSwarmObject(deps: Deps, actor: Actor, input: { swarmId: string; kind: ObjectKind; name: string; data: string; labels: Record<string, string> }): Promise<{ id: string }> {
  return audited(deps.db, subjectOf(actor), `${input.kind}.create`, { type: input.kind, name: input.name }, async () => {
    const doing = `create ${input.kind} ${input.name}`;
    const { value } = await callManager(deps, input.swarmId, { write: true, doing }, async (api, manager) => {
      const existing = await listObjects(api, input.kind);
      if (existing.some((o) => o.Spec.Name === input.name)) throw new AppError('CONFLICT', msg('services.errors.objectExists', { kind: input.kind, name: input.name }), { fieldErrors: { name: [issueText('services.errors.nameTaken')] } });
      const spec = { Name: input.name, Labels: input.labels, Data: Buffer.from(input.data, 'utf8').toString('base64') };
      return { id: await manager.step(doing, input.kind === 'secret' ? api.createSecret(spec) : api.createConfig(spec)) };
    });
    return value;
  }, (r) => ({ id: r.id }));
}

export async function removeSwarmObject(deps: Deps, actor: Actor, input: { swarmId: string; kind: ObjectKind | 'network'; id: string }): Promise<void> {
  await audited(deps.db, subjectOf(actor), `${input.kind}.remove`, { type: input.kind, id: input.id }, async () => {
    const doing = `remove ${input.kind} ${input.id}`;
    await callManager(deps, input.swarmId, { write: true, doing }, async (api, manager) => {
      const services = await api.listServices({ status: true });
      const users = usedBy(services, input.kind, input.id);
      if (users.length) throw new AppError('PRECONDITION', msg('services.errors.objectInUse', { kind: input.kind, users: users.join(', ') }));
      await manager.step(doing, input.kind === 'secret' ? api.removeSecret(input.id) : input.kind === 'config' ? api.removeConfig(input.id) : api.removeNetwork(input.id));
    });
  });
}

export async function listSwarmNetworks(deps: Deps, swarmId: string): Promise<NetworkRow[]> {
  const { value } = await callManager(deps, swarmId, { write: false, doing: 'list networks' }, async (api) => {
    const [networks, services] = await Promise.all([api.listNetworks(), api.listServices({ status: true })]);
    return networks
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
    const doing = `create network ${input.name}`;
    const { value } = await callManager(deps, input.swarmId, { write: true, doing }, async (api, manager) => {
      const existing = await api.listNetworks();
      if (existing.some((n) => n.Name === input.name)) throw new AppError('CONFLICT', msg('services.errors.networkExists', { name: input.name }), { fieldErrors: { name: [issueText('services.errors.nameTaken')] } });
      const spec = {
        Name: input.name,
        Driver: 'overlay',
        CheckDuplicate: true,
        Attachable: input.attachable,
        Internal: input.internal,
        Options: input.encrypted ? { encrypted: '' } : {},
        ...(input.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: input.subnet }] } } : {}),
      };
      return { id: await manager.step(doing, api.createNetwork(spec)) };
    });
    return value;
  }, (r) => ({ id: r.id }));
}
