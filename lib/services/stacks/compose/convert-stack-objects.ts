// The stack-level objects of a compose file (networks, volumes, secrets, configs) resolved to their
// engine names, and the create requests for the ones the stack owns, as `docker stack deploy` makes
// them (cli/compose/convert/compose.go and the loader's external/name rules). Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { normaliseStackPath } from '@/lib/services/stacks/compose/stack-files.ts';
import { dict, fail, has, isDict, labelsOf, optionalText, scope, stringRecord, text, warn, withStackLabel, type ConvertContext, type Dict } from '@/lib/services/stacks/compose/compose-values.ts';
import type { ConfigSpec, NetworkCreate, SecretSpec } from '@/lib/services/stacks/compose/types.ts';

/** A top-level network, volume, secret or config: the name the engine knows it by, and whether the stack owns it. */
export type Definition = { key: string; name: string; external: boolean; spec: Dict };

export type Definitions = Map<string, Definition>;

type ObjectKind = 'network' | 'volume' | 'secret' | 'config';

/** "secret db_password: …": a problem about one top-level object. */
export const aboutObject = (kind: ObjectKind, key: string, detail: Message): Message => msg('composeChecks.objects.prefixed', { kind, key, detail });

/**
 * `external: true` keeps the key as the name, `external: {name: x}` (deprecated) or `name: x` rename it;
 * a stack-owned object is "<stack>_<key>" unless `name:` says otherwise.
 */
function resolveDefinitions(ctx: ConvertContext, section: 'networks' | 'volumes' | 'secrets' | 'configs', document: Dict): Definitions {
  const out: Definitions = new Map();
  const kind = section.slice(0, -1) as ObjectKind;
  // Deprecation warnings start at the version where `name:` arrived for that kind of object.
  const nameSince = section === 'volumes' ? 4 : 5;
  for (const [key, raw] of Object.entries(dict(document[section]))) {
    const spec = dict(raw);
    const path = [section, key];
    const ownName = optionalText(spec.name);
    const externalValue = spec.external;
    const external = externalValue === true || isDict(externalValue);
    let name = ownName || scope(ctx, key);
    if (external) {
      const externalName = isDict(externalValue) ? optionalText(externalValue.name) : undefined;
      if (externalName !== undefined && externalName !== '') {
        if (ownName) fail(ctx, [...path, 'external', 'name'], aboutObject(kind, key, msg('composeChecks.objects.externalNameConflict', { kind })));
        else if (ctx.version.minor >= nameSince) warn(ctx, [...path, 'external', 'name'], aboutObject(kind, key, msg('composeChecks.objects.externalNameDeprecated', { kind })));
        name = externalName;
      } else {
        name = ownName || key;
      }
      if (section === 'volumes') {
        const conflicting = [
          ['driver', text(spec.driver) !== ''],
          ['driver_opts', Object.keys(dict(spec.driver_opts)).length > 0],
          ['labels', Array.isArray(spec.labels) ? spec.labels.length > 0 : Object.keys(dict(spec.labels)).length > 0],
        ] as const;
        for (const [option, set] of conflicting) {
          if (set) fail(ctx, [...path, option], msg('composeChecks.objects.externalVolumeConflict', { option, key }));
        }
      }
    }
    out.set(key, { key, name, external, spec });
  }
  return out;
}

export const resolveNetworks = (ctx: ConvertContext, document: Dict) => resolveDefinitions(ctx, 'networks', document);
export const resolveVolumes = (ctx: ConvertContext, document: Dict) => resolveDefinitions(ctx, 'volumes', document);
export const resolveSecrets = (ctx: ConvertContext, document: Dict) => resolveDefinitions(ctx, 'secrets', document);
export const resolveConfigs = (ctx: ConvertContext, document: Dict) => resolveDefinitions(ctx, 'configs', document);

/** Networks that are not user-defined exist on every node: no aliases, nothing to check or create. */
export const isUserDefinedNetwork = (name: string) => !['default', 'bridge', 'host', 'none'].includes(name) && !name.startsWith('container:');

/** POST /networks/create for a stack-owned network, field for field as the CLI sends it. */
export function networkCreate(ctx: ConvertContext, network: Definition): NetworkCreate {
  const spec = network.spec;
  const path = ['networks', network.key];
  const ipam = dict(spec.ipam);
  const ipamConfig = Array.isArray(ipam.config) ? ipam.config.map((entry) => dict(entry)) : [];
  const driver = text(spec.driver);
  return {
    Name: network.name,
    Driver: driver === '' ? 'overlay' : driver,
    Scope: '',
    IPAM:
      text(ipam.driver) !== '' || ipamConfig.length > 0
        ? { Driver: text(ipam.driver), Options: null, Config: ipamConfig.length > 0 ? ipamConfig.map((entry) => (typeof entry.subnet === 'string' ? { Subnet: entry.subnet } : ({} as { Subnet: string }))) : null }
        : null,
    Internal: spec.internal === true,
    Attachable: spec.attachable === true,
    Ingress: false,
    ConfigOnly: false,
    ConfigFrom: null,
    Options: stringRecord(ctx, spec.driver_opts, [...path, 'driver_opts']) ?? null,
    Labels: withStackLabel(ctx, labelsOf(ctx, spec.labels, [...path, 'labels'])),
  };
}

const base64 = (content: string) => Buffer.from(content, 'utf8').toString('base64');

/**
 * Where a secret's or config's value comes from: a file kept with the stack (never outside it), a
 * stack variable or inline content (Wharf extensions, only in files without version:).
 */
export function objectData(ctx: ConvertContext, kind: 'secret' | 'config', definition: Definition, owner: 'stack' | 'project' = 'stack'): string | null {
  const spec = definition.spec;
  const path = [`${kind}s`, definition.key];
  const sources = ['file', 'environment', 'content'].filter((k) => has(spec, k));
  if (sources.length > 1) {
    fail(ctx, path, aboutObject(kind, definition.key, msg('composeChecks.objects.onlyOneSource', { sources: sources.join(', ') })));
    return null;
  }
  if (has(spec, 'environment')) {
    const variable = text(spec.environment);
    const value = ctx.lookup(variable, [...path, 'environment']);
    if (value === undefined) {
      fail(ctx, [...path, 'environment'], aboutObject(kind, definition.key, msg('composeChecks.objects.variableNotSet', { variable })));
      return null;
    }
    return base64(value);
  }
  if (has(spec, 'content')) return base64(text(spec.content));
  if (!has(spec, 'file')) {
    fail(ctx, path, aboutObject(kind, definition.key, msg('composeChecks.objects.noSource')));
    return null;
  }
  const file = text(spec.file);
  const safe = normaliseStackPath(file, owner);
  if ('error' in safe) {
    fail(ctx, [...path, 'file'], aboutObject(kind, definition.key, msg('composeChecks.objects.fileProblem', { file, detail: safe.error })));
    return null;
  }
  const read = ctx.readFile(file, [...path, 'file']);
  if ('error' in read) {
    fail(ctx, [...path, 'file'], aboutObject(kind, definition.key, read.error));
    return null;
  }
  return base64(read.content);
}

/** POST /secrets/create for every secret the stack owns (used or not, as the CLI does). */
export function secretSpecs(ctx: ConvertContext, secrets: Definitions): SecretSpec[] {
  const out: SecretSpec[] = [];
  for (const secret of secrets.values()) {
    if (secret.external) continue;
    const spec = secret.spec;
    const path = ['secrets', secret.key];
    const labels = withStackLabel(ctx, labelsOf(ctx, spec.labels, [...path, 'labels']));
    const driver = text(spec.driver);
    const result: SecretSpec = { Name: secret.name, Labels: labels };
    if (driver !== '') {
      if (has(spec, 'file')) {
        fail(ctx, [...path, 'file'], aboutObject('secret', secret.key, msg('composeChecks.objects.driverAndFile')));
        continue;
      }
      const options = stringRecord(ctx, spec.driver_opts, [...path, 'driver_opts']);
      result.Driver = options ? { Name: driver, Options: options } : { Name: driver };
    } else {
      const data = objectData(ctx, 'secret', secret);
      if (data === null) continue;
      if (data !== '') result.Data = data;
    }
    if (text(spec.template_driver) !== '') result.Templating = { Name: text(spec.template_driver) };
    out.push(result);
  }
  return out;
}

/** POST /configs/create for every config the stack owns. */
export function configSpecs(ctx: ConvertContext, configs: Definitions): ConfigSpec[] {
  const out: ConfigSpec[] = [];
  for (const config of configs.values()) {
    if (config.external) continue;
    const spec = config.spec;
    const data = objectData(ctx, 'config', config);
    if (data === null) continue;
    const result: ConfigSpec = { Name: config.name, Labels: withStackLabel(ctx, labelsOf(ctx, spec.labels, ['configs', config.key, 'labels'])) };
    if (data !== '') result.Data = data;
    if (text(spec.template_driver) !== '') result.Templating = { Name: text(spec.template_driver) };
    out.push(result);
  }
  return out;
}
