// Editing a service after it was made: read at a version (environment values masked, networks
// named), preview the change as a field-by-field diff, and apply it as one service update sent at
// the version the user read, so a service changed underneath is refused (CONFLICT) and nothing is
// applied. The next spec comes from the create form's fields or from the whole spec as YAML
// (edit-spec.ts); the workload policy, registry credentials and the digest pin work as on create;
// the audit row names the fields changed.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { changedFields, diffSpecs, type SpecChange } from '@/lib/models/services/spec-diff.ts';
import { parseImageReference } from '@/lib/models/registries/image-reference.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, type EngineApi, type SwarmService } from '../engine/index.ts';
import { credentialsForImage } from '../registries/registry-auth.ts';
import { pinImageDigest } from '../registries/pin-image-digest.ts';
import { NAMESPACE_LABEL } from '../stacks/stack-labels.ts';
import { guardServiceSpec, serviceFormField } from './guard-spec.ts';
import { missingObjects } from './manage-services.ts';
import { keepIdentity, maskUnchangedEnv, mergeFormSpec, restoreMaskedEnv } from './edit-spec.ts';
import { toServiceSpec, type ServiceForm } from './service-form.ts';
import { maskServiceSpec, stripDigest } from './service-views.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;
type Json = Record<string, unknown>;

/** What the edit starts from: the spec (environment values masked) at `version`, the names of the
 * networks it names by id, and its stack when a stack deployed it (the next deploy overwrites edits). */
export type ServiceEditSource = { id: string; name: string; version: number; spec: Json; networkNames: Record<string, string>; stack: string | null };

/** An edit: the create form's fields (name as it is), or the whole spec; at the version it was read at. */
export type ServiceEdit = { swarmId: string; serviceId: string; version: number; form?: ServiceForm; spec?: Json };

const imageOf = (spec: unknown) => String(((spec as { TaskTemplate?: { ContainerSpec?: { Image?: unknown } } }).TaskTemplate?.ContainerSpec?.Image) ?? '');
const withImage = (spec: Json, image: string): Json => {
  const task = spec.TaskTemplate as Json;
  return { ...spec, TaskTemplate: { ...task, ContainerSpec: { ...(task.ContainerSpec as Json), Image: image } } };
};

export async function readServiceForEdit(deps: Deps, swarmId: string, serviceId: string): Promise<ServiceEditSource> {
  const { value } = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readService', { name: serviceId }) }, async (api) => {
    const [service, networks] = await Promise.all([api.inspectService(serviceId), api.listNetworks()]);
    return { service, networks };
  });
  const { service } = value;
  return {
    id: service.ID,
    name: service.Spec.Name,
    version: service.Version.Index,
    spec: maskServiceSpec(service.Spec) as Json,
    networkNames: Object.fromEntries(value.networks.map((n) => [n.Id, n.Name])),
    stack: service.Spec.Labels?.[NAMESPACE_LABEL] ?? null,
  };
}

/** The service at the version the edit was read at; a service changed since is a conflict. */
async function atVersion(api: EngineApi, edit: ServiceEdit): Promise<SwarmService> {
  const service = await api.inspectService(edit.serviceId);
  if (service.Version.Index !== edit.version) throw new AppError('CONFLICT', msg('services.edit.errors.conflict', { name: service.Spec.Name }));
  return service;
}

/** The spec the edit asks for, before the digest pin: the form's fields over the current spec, or the spec given. */
async function nextSpecOf(api: EngineApi, current: Json, edit: ServiceEdit): Promise<Json> {
  let next: Json;
  if (edit.form) {
    const form = { ...edit.form, name: String(current.Name) };
    const [secrets, configs, networks] = await Promise.all([api.listSecrets(), api.listConfigs(), api.listNetworks()]);
    const missing = missingObjects(form, { secrets, configs, networks });
    if (missing.length) throw new AppError('INVALID_INPUT', msg('services.errors.missing', { names: missing.join(', ') }));
    next = mergeFormSpec(current, toServiceSpec(form, {
      secrets: new Map(secrets.map((s) => [s.Spec.Name, s.ID])),
      configs: new Map(configs.map((c) => [c.Spec.Name, c.ID])),
      networks: new Map(networks.map((n) => [n.Name, n.Id])),
    }));
  } else {
    next = structuredClone(edit.spec ?? {});
  }
  next = keepIdentity(restoreMaskedEnv(next, current), current);
  // The same image without a digest keeps the pin it has (the form shows the tag alone).
  const image = imageOf(next);
  if (image === stripDigest(imageOf(current))) next = withImage(next, imageOf(current));
  return next;
}

/** The change as the dialog shows it, environment values masked unless typed. Nothing is applied. */
export async function previewServiceEdit(deps: Deps, edit: ServiceEdit): Promise<{ changes: SpecChange[] }> {
  const { value } = await callManager(deps, edit.swarmId, { write: false, doing: msg('engineText.doing.readService', { name: edit.serviceId }) }, async (api) => {
    const service = await atVersion(api, edit);
    const current = service.Spec as Json;
    const next = await nextSpecOf(api, current, edit);
    return diffSpecs(maskServiceSpec(current), maskUnchangedEnv(next, current));
  });
  return { changes: value };
}

/** Applies the edit: judged by the workload policy, the image pinned as on create when it changed,
 * sent with the registry's credentials at the version read. Audited with the fields changed. */
export async function editService(deps: Deps, actor: Actor, edit: ServiceEdit): Promise<{ warnings: string[]; fields: string[] }> {
  return audited(deps.db, subjectOf(actor), 'service.edit', { type: 'service', id: edit.serviceId }, async () => {
    const { value } = await callManager(deps, edit.swarmId, { write: true, doing: msg('engineText.doing.changeService', { name: edit.serviceId }) }, async (api, manager) => {
      const service = await manager.step(msg('engineText.doing.readService', { name: edit.serviceId }), atVersion(api, edit));
      const current = service.Spec as Json;
      let next = await nextSpecOf(api, current, edit);
      const name = String(current.Name);
      await guardServiceSpec(deps, actor, api, { swarmId: edit.swarmId, action: 'service.edit', spec: next, name, ...(edit.form ? { fieldOf: serviceFormField } : {}) });
      if (imageOf(next) !== imageOf(current) && !parseImageReference(imageOf(next))?.digest) next = withImage(next, (await pinImageDigest(deps, actor, imageOf(next))).image);
      const fields = changedFields(diffSpecs(current, next));
      if (!fields.length) return { warnings: [], fields, name };
      const auth = (await credentialsForImage(deps, actor, imageOf(next)))?.auth;
      const warnings = await manager.step(msg('guardText.doing.updateService', { name }), api.updateService(edit.serviceId, edit.version, next, auth)).catch((error: unknown) => {
        // Changed between our read and the update: the engine's own version check.
        if (/out of sequence/i.test(String((error as Error)?.message ?? ''))) throw new AppError('CONFLICT', msg('services.edit.errors.conflict', { name }), { cause: error });
        throw error;
      });
      return { warnings, fields, name };
    });
    return value;
  }, (r) => ({ name: r.name, message: r.fields.length ? `fields: ${r.fields.join(', ')}` : 'no change' })).then(({ warnings, fields }) => ({ warnings, fields }));
}
